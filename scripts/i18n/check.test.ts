import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkAll, compareLocales, declaredKeys, missingDeclared, stringsInCode, unusedKeys, untranslatedLiterals } from "./check";

const locales = (m: Record<string, Record<string, Record<string, string>>>) =>
  new Map(Object.entries(m).map(([l, ns]) => [l, new Map(Object.entries(ns).map(([n, keys]) => [n, new Map(Object.entries(keys))]))]));

describe("the translation check", () => {
  it("passes on the app as committed: every key in every locale, no literal text in the admin", { timeout: 60_000 }, () => {
    const problems = checkAll(path.resolve(import.meta.dirname, "../.."));
    expect(problems.map((p) => `${p.kind} ${p.where} ${p.detail}`)).toEqual([]);
  });

  it("reports a key missing in one locale and a key English does not have", () => {
    const problems = compareLocales(
      locales({ en: { zones: { title: "Zones", add: "Add" } }, fr: { zones: { title: "Zones", extra: "En trop" } } }),
      ["en", "fr"],
    );
    expect(problems).toEqual([
      { kind: "missing", where: "fr/zones.json", detail: "add" },
      { kind: "extra", where: "fr/zones.json", detail: "extra (not in English)" },
    ]);
  });

  it("asks each language for its own plural forms (French has one/many/other, Chinese only other)", () => {
    const en = { n_one: "{{count}} zone", n_other: "{{count}} zones" };
    const problems = compareLocales(
      locales({ en: { zones: en }, fr: { zones: { n_one: "{{count}} zone", n_other: "{{count}} zones" } }, "zh-CN": { zones: { n_other: "{{count}} 个区域" } } }),
      ["en", "fr", "zh-CN"],
    );
    expect(problems).toEqual([{ kind: "missing", where: "fr/zones.json", detail: "n_many (plural form for fr)" }]);
  });

  it("reports a translation that drops or renames an interpolation", () => {
    const problems = compareLocales(locales({ en: { c: { k: "Delete {{name}}?" } }, de: { c: { k: "{{nom}} löschen?" } } }), ["en", "de"]);
    expect(problems[0]).toMatchObject({ kind: "invalid", detail: expect.stringContaining("{{nom}}") });
  });

  it("reports English keys no code uses, and counts dynamic `prefix.${x}` keys as used", () => {
    const en = new Map([["zones", new Map([["title", "Zones"], ["status.ok", "OK"], ["orphan", "Nobody"]])]]);
    expect(unusedKeys(en, { literals: new Set(["zones:title"]), prefixes: new Set(["status."]) })).toEqual([{ kind: "unused", where: "en/zones.json", detail: "orphan" }]);
  });

  it("flags JSX text, text props and action labels that are literals, but not t() calls, codes or brand names", () => {
    const source = `
      export function P({ t }) {
        return (
          <Page title="Zones" primaryAction={{ content: "Add zone", url: "/x" }}>
            <TextField label={t("name")} placeholder="CA, ON, SP" helpText={\`Weights in \${unit}\`} />
            <Text>Hello there</Text>
            <Text>{t("ok")}</Text>
            <Text>UPS</Text>
            <Badge>{"not shown"}</Badge>
          </Page>
        );
      }`;
    const found = untranslatedLiterals("app/routes/app.x.tsx", source).map((p) => p.detail);
    expect(found).toEqual(['title="Zones"', 'content: "Add zone"', "helpText=\"Weights in \"", "Hello there", "not shown"]);
  });

  it("asks for a key for every text a carrier or channel connector declares for its form, but not for bare codes", () => {
    const keys = declaredKeys({
      carriers: [{ id: "acme", fields: [{ name: "crid", label: "CRID", section: "Contract prices" }, { name: "mode", label: "Mode", options: [{ label: "Production", value: "production" }, { label: "", value: "" }] }], methods: [{ id: "key" }] }],
      channels: [{ type: "hook", fields: [{ name: "url", help: "Paste the address" }, { name: "auth", options: ["none"], optionLabels: { none: "None" } }] }],
    });
    expect(keys).toEqual([
      "carriers:carrier.acme.fields.crid.section",
      "carriers:carrier.acme.fields.mode.label",
      "carriers:carrier.acme.fields.mode.options.production",
      "carriers:carrier.acme.methods.key.label",
      "carriers:carrier.acme.methods.key.submit",
      "channels:types.hook",
      "channels:form.hook.url.label",
      "channels:form.hook.url.help",
      "channels:form.hook.auth.label",
      "channels:form.hook.auth.options.none",
    ]);
    const en = locales({ en: { channels: { "form.hook.url.label": "URL" } } }).get("en")!;
    expect(missingDeclared(en, ["channels:form.hook.url.label", "channels:form.hook.url.help"])).toEqual([
      { kind: "missing", where: "en/channels.json", detail: "form.hook.url.help (declared by a connector's form)" },
    ]);
  });

  it("collects string literals and template prefixes from code", () => {
    const file = path.resolve(import.meta.dirname, "check.ts");
    const { literals } = stringsInCode([file]);
    expect(literals.has("missing")).toBe(true);
  });
});
