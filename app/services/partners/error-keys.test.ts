// Every sentence key a partner service or portal route hands to a page exists in the portal namespace (the locale
// check then makes sure all seven locales have it); a typo would otherwise show the English fallback.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import enPartners from "~/locales/en/partners.json";
import en from "~/locales/en/portal.json";
import { errorCode } from "./context.server";

const flat = (obj: object, prefix = ""): string[] =>
  Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? flat(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

function keysIn(dir: string, accept: (file: string) => boolean): string[] {
  return fs
    .readdirSync(dir)
    .filter(accept)
    .flatMap((f) => [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/"((?:errors|notices)\.[A-Za-z.]+)"/g)].map((m) => m[1]!));
}

describe("partner error keys", () => {
  it("names only sentences the portal namespace has", () => {
    const known = new Set(flat(en));
    // The merchant page's own outcomes are the partners namespace's (next test); its errors are PartnerErrors.
    const used = [...keysIn(__dirname, (f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).filter((k) => k.startsWith("errors.")), ...keysIn(path.join(__dirname, "../../routes"), (f) => f.startsWith("partners."))];
    expect(used.length).toBeGreaterThan(40);
    expect(used.filter((k) => !known.has(k))).toEqual([]);
  });

  it("names only outcomes the merchant page's namespace has", () => {
    const known = new Set(flat(enPartners));
    const source = fs.readFileSync(path.join(__dirname, "merchant-page.server.ts"), "utf8");
    const used = [...source.matchAll(/"partners:([A-Za-z.]+)"/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((k) => !known.has(k))).toEqual([]);
  });

  it("turns a key into the API's snake_case code", () => {
    expect(errorCode("errors.orderNotFound")).toBe("order_not_found");
    expect(errorCode("errors.settings.clientId")).toBe("settings_client_id");
  });
});
