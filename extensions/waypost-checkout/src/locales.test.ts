import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dir = path.resolve(import.meta.dirname, "../locales");
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;
const flatten = (node: unknown, prefix = ""): Record<string, string> =>
  typeof node === "string"
    ? { [prefix]: node }
    : Object.assign({}, ...Object.entries(node as Record<string, unknown>).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const en = flatten(read("en.default.json"));

describe("locales", () => {
  it("has the admin's seven languages, English as the default", () => {
    expect(fs.readdirSync(dir).sort()).toEqual(["de.json", "en.default.json", "es.json", "fr.json", "id.json", "pt-BR.json", "zh-CN.json"]);
  });

  it.each(["de.json", "es.json", "fr.json", "id.json", "pt-BR.json", "zh-CN.json"])("%s has every English key with the same placeholders", (file) => {
    const other = flatten(read(file));
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) expect([key, placeholders(other[key])]).toEqual([key, placeholders(text)]);
  });
});
