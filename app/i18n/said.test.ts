import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { parts, say, verbatim } from "~/lib/said";
import { saidText } from "./said";

async function translator(lng: string) {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources: {
      en: { carriers: { usage: "{{used}} of {{limit}} calls", next: "Next call at {{next}}", price: "Sample {{price}} ({{priceType}})", retail: "retail", live: "live {{percent}}%" } },
      de: { carriers: { usage: "{{used}} von {{limit}} Aufrufen" } },
    },
    fallbackLng: "en",
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

describe("a server message said in the merchant's language", () => {
  it("formats numbers for the locale", async () => {
    const t = await translator("de");
    expect(saidText(t, say("carriers:usage", { used: 1200, limit: 5000 }), "de")).toBe("1.200 von 5.000 Aufrufen");
  });

  it("shows an …At value as a time of day in UTC, the same on the server and in the browser", async () => {
    const t = await translator("en");
    expect(saidText(t, say("carriers:next", { nextAt: Date.UTC(2026, 0, 1, 14, 5) }), "en")).toBe("Next call at 02:05 PM UTC");
  });

  it("shows an …Minor value as money in the message's currency, and a …Key value as that key's text", async () => {
    const t = await translator("en");
    expect(saidText(t, say("carriers:price", { priceMinor: 850, currency: "USD", priceTypeKey: "carriers:retail" }), "en")).toBe("Sample $8.50 (retail)");
  });

  it("keeps a carrier's own words as they came and joins parts with a middle dot", async () => {
    const t = await translator("de");
    expect(saidText(t, parts(verbatim("USPS: invalid ZIP"), say("carriers:live", { percent: 40 })), "de")).toBe("USPS: invalid ZIP · live 40%");
  });
});
