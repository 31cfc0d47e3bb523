import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { parseIntField } from "~/admin/forms/form-units";
import { type ZoneForm, formToZone } from "~/admin/forms/zone-form";
import { ShippingConfigSchema } from "~/domain/shipping-config";
import { issuesToFieldErrors } from "~/lib/field-errors";
import { i18nOptions } from "./i18n";
import { describePath, errorText, translateErrors } from "./messages";
import { resources } from "./resources.server";

async function tFor(lng: string) {
  const i18n = createInstance();
  await i18n.init({ ...i18nOptions, lng, resources });
  return { t: i18n.t, exists: (k: string) => i18n.exists(k) };
}
const lbShop = { locale: "en", currency: "USD", weightUnit: "lb" as const };

describe("server messages in the merchant's language", () => {
  it("says a negative priority must be 0 or more, with the field's label", async () => {
    const { t, exists } = await tFor("en");
    const parsed = parseIntField("-1");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(errorText(t, { path: "priority", message: parsed.error, params: parsed.params }, lbShop, exists)).toBe("Priority must be 0 or more");
    const fr = await tFor("fr");
    expect(errorText(fr.t, { path: "priority", message: parsed.error, params: parsed.params }, { ...lbShop, locale: "fr" }, fr.exists)).toBe("Priorité doit être supérieur ou égal à 0");
  });

  it("shows weight limits in the shop's unit and money limits in its currency", async () => {
    const { t, exists } = await tFor("en");
    expect(errorText(t, { path: "items[0].weight", message: "weight_max", params: { maxGrams: 68039 } }, lbShop, exists)).toBe("Enter a weight of at most 150 lb");
    expect(errorText(t, { path: "services[0].fallbackPrice", message: "number_min", params: { min: 100 } }, lbShop, exists)).toBe("Fallback price must be $1.00 or more");
    const de = await tFor("de");
    expect(errorText(de.t, { path: "items[0].price", message: "amount_max", params: { maxMinor: 1234550 } }, { locale: "de", currency: "EUR", weightUnit: "kg" }, de.exists)).toBe(
      "Gib einen Betrag von höchstens 12.345,50\u00a0€ ein",
    );
  });

  it("turns the schema's overlap and empty-table issues into sentences without internals", async () => {
    const form: ZoneForm = {
      name: "US",
      priority: "10",
      weightUnit: "lb",
      regions: [{ type: "country", country: "US", province: "", pattern: "" }],
      services: [
        {
          code: "std", name: "Standard", description: "", enabled: true, minDays: "", maxDays: "", fallbackPrice: "", basis: "weight",
          bands: [
            { minWeight: "0", maxWeight: "5", minSubtotal: "", maxSubtotal: "", price: "5" },
            { minWeight: "4", maxWeight: "10", minSubtotal: "", maxSubtotal: "", price: "9" },
          ],
          extraPerWeight: "", extraPrice: "", markupPercent: "", handlingPerOrder: "", handlingPerPackage: "", rounding: "none", capMin: "", capMax: "",
          conditions: [], source: "table", carrierService: "", landedCost: "off",
        },
      ],
    };
    const { zone } = formToZone(form, "USD");
    const parsed = ShippingConfigSchema.safeParse({ currency: "USD", origin: { country: "US" }, zones: [{ ...zone, id: "us" }] });
    expect(parsed.success).toBe(false);
    const { t, exists } = await tFor("en");
    const sentences = translateErrors(t, issuesToFieldErrors(parsed.error!.issues), lbShop, exists).map((e) => e.message);
    expect(sentences).toContain("This band overlaps band 1: each cart must fall into one band only");
    for (const s of sentences) expect(s).not.toMatch(/minGrams|Grams|\bg\b|bands\[|expected/);
  });

  it("describes where an error is in words, in the admin's language", async () => {
    const { t } = await tFor("pt-BR");
    expect(describePath(t, "services[0].rateTable.bands[2].price")).toBe("Serviço 1 › Tabela de fretes › Faixa 3 › Preço");
    expect(describePath(t, "boxes[0].innerMm.l")).toBe("Caixa 1 › Comprimento interno");
  });

  it("shows a message that is not a key as it came (a carrier's own words)", async () => {
    const { t, exists } = await tFor("fr");
    expect(errorText(t, { path: "x", message: "UPS said: account locked" }, lbShop, exists)).toBe("UPS said: account locked");
  });

  it("uses each language's plural rules", async () => {
    const fr = await tFor("fr");
    expect(fr.t("zones:list.servicesEnabled", { count: 1, enabled: 1 })).toBe("1 sur 1 activé");
    expect(fr.t("zones:list.servicesEnabled", { count: 3, enabled: 2 })).toBe("2 sur 3 activés");
    const zh = await tFor("zh-CN");
    expect(zh.t("zones:list.servicesEnabled", { count: 3, enabled: 2 })).toBe("已启用 2 个，共 3 个");
  });
});
