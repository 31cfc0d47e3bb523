import { describe, expect, it } from "vitest";
import en from "~/locales/en/errors.json";
import { authKindOf, parseWebhookUrl, webhookForm } from "./form";

/** An error as the merchant reads it in English (the page says the key in the admin's language). */
const english = (r: unknown) => en[(r as { error: keyof typeof en }).error];

const stored = (raw: Record<string, string>) => webhookForm.toStored(webhookForm.schema.parse(raw));

describe("the webhook connect form", () => {
  it("splits a pasted URL into protocol, host, port and path with its query", () => {
    expect(parseWebhookUrl(" https://ERP.example.com:8443/hooks/waypost?src=shop ")).toEqual({ protocol: "https", host: "erp.example.com", port: 8443, path: "/hooks/waypost?src=shop" });
    expect(parseWebhookUrl("http://hooks.example.com")).toEqual({ protocol: "http", host: "hooks.example.com", path: "/" });
  });

  it("refuses what is not a web address, credentials in the URL and fragments, saying what to do", () => {
    expect(english(parseWebhookUrl("erp.example.com/hooks"))).toMatch(/starting with https:\/\//);
    expect(english(parseWebhookUrl("ftp://erp.example.com/"))).toMatch(/https:\/\//);
    expect(english(parseWebhookUrl("https://u:p@erp.example.com/"))).toMatch(/Basic authentication/);
    expect(english(parseWebhookUrl("https://erp.example.com/#x"))).toMatch(/#/);
    expect(stored({ url: "not a url", authKind: "none" })).toEqual({ errors: [expect.objectContaining({ path: "url" })] });
  });

  it("uses HMAC when a secret was typed and no authentication chosen, so the secret is never dropped", () => {
    expect(authKindOf({ hmacSecret: "0123456789abcdef" })).toBe("hmac");
    expect(stored({ url: "https://erp.example.com/h", hmacSecret: "0123456789abcdef" })).toMatchObject({ settings: { auth: { kind: "hmac" } }, secrets: { hmacSecret: "0123456789abcdef" } });
  });

  it("refuses a typed HMAC secret next to another authentication choice instead of ignoring it", () => {
    expect(stored({ url: "https://erp.example.com/h", authKind: "none", hmacSecret: "0123456789abcdef" })).toEqual({ errors: [{ path: "hmacSecret", message: "hmac_secret_other_auth" }] });
    expect(en.hmac_secret_other_auth).toMatch(/choose HMAC signature, or clear the secret/);
  });

  it("still reads a post with protocol, host and path sent apart", () => {
    expect(stored({ protocol: "https", host: "hooks.example.com", path: "/w", authKind: "none" })).toMatchObject({ settings: { protocol: "https", host: "hooks.example.com", path: "/w", auth: { kind: "none" } } });
  });

  it("compares destinations case-insensitively on the host", () => {
    const a = webhookForm.destinationKey!({ protocol: "https", host: "ERP.example.com", path: "/h" });
    const b = webhookForm.destinationKey!({ protocol: "https", host: "erp.example.com", path: "/h" });
    expect(a).toBe(b);
  });
});
