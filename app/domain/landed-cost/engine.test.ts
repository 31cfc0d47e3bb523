import { describe, expect, it } from "vitest";
import { computeLandedCost } from "./engine";
import { settingsWith, shipmentTo } from "./test-helpers";
import type { LandedCostResult } from "./model";
import { say } from "~/lib/said";
import { sayIn } from "../../../tests/helpers/said";

const sum = (r: LandedCostResult, pred: (l: LandedCostResult["lines"][number]) => boolean) =>
  r.lines.filter(pred).reduce((a, l) => a + l.amount, 0);
const duties = (r: LandedCostResult) => sum(r, (l) => l.kind === "duty" || l.kind === "charge");
const taxes = (r: LandedCostResult, payer?: string) => sum(r, (l) => l.kind === "tax" && (!payer || l.payer === payer));

const eurUsd = { base: "EUR", quote: "USD", rate: "1.16", date: "2026-11-30", source: "ECB reference rate" };
const tshirts12 = { hsPrefix: "6109", destination: "EU", percent: "12" };

describe("EU", () => {
  it("charges import VAT from the first euro when the shop is not in IOSS, with no duty under €150", () => {
    const r = computeLandedCost(shipmentTo("DE", { shipping: 990 }), settingsWith({ dutyRates: [tshirts12] }), "DAP");
    expect(duties(r)).toBe(0);
    expect(r.deMinimis).toContain("duty: below the de minimis (EU customs duty relief for non-IOSS consignments ≤ €150 (unverified after 1 Jul 2026): goods €50.00 ≤ €150.00), no duty");
    expect(r.lines.map((l) => l.formula)).toEqual(["19% of customs value €50.00", "19% of shipping €9.90"]);
    expect(taxes(r, "delivery")).toBe(950 + 188);
    expect(r.totals.dueOnDelivery).toBe(1138);
  });

  it("collects VAT at sale under IOSS and adds the interim €3 duty per tariff sub-heading from 1 July 2026", () => {
    const s = shipmentTo("FR", {
      shipping: 500,
      items: [
        { hsCode: "6109.10", unitValue: 2000, currency: "EUR", quantity: 1 },
        { hsCode: "6109.10.00", unitValue: 1000, currency: "EUR", quantity: 1 },
        { hsCode: "6403.99", unitValue: 5000, currency: "EUR", quantity: 1 },
      ],
    });
    const r = computeLandedCost(s, settingsWith({ registrations: ["IOSS"] }), "DDP");
    expect(r.deMinimis[0]).toBe("tax: below the IOSS threshold (goods €80.00 ≤ €150.00): collected at sale under IOSS (≤ €150: VAT collected at sale), no import tax due on delivery");
    expect(r.lines.filter((l) => l.kind === "duty").map((l) => [l.label, l.amount])).toEqual([
      ["EU interim flat duty, €3 per tariff sub-heading: 6109.10", 300],
      ["EU interim flat duty, €3 per tariff sub-heading: 6403.99", 300],
    ]);
    expect(taxes(r, "sale")).toBe(400 + 200 + 1000 + 100);
    expect(r.totals.addToRate).toBe(600);
    expect(r.totals.collectedAtSale).toBe(1700);
  });

  it("has no duty at all on IOSS consignments before 1 July 2026", () => {
    const r = computeLandedCost(shipmentTo("FR", { date: "2026-06-30" }), settingsWith({ registrations: ["IOSS"] }), "DDP");
    expect(r.regime).toBe("EU-2021-07");
    expect(duties(r)).toBe(0);
    expect(r.totals.addToRate).toBe(0);
  });

  it("charges duty on the CIF value and VAT on value plus duty above €150", () => {
    const s = shipmentTo("DE", { shipping: 990, items: [{ hsCode: "6109.10", originCountry: "CN", unitValue: 8000, currency: "EUR", quantity: 2 }] });
    const r = computeLandedCost(s, settingsWith({ dutyRates: [tshirts12], registrations: ["IOSS"] }), "DDP");
    expect(r.deMinimis[0]).toBe("tax: above the IOSS threshold (goods €160.00 > €150.00): import tax due at the border");
    const duty = r.lines.find((l) => l.kind === "duty")!;
    expect(duty.formula).toBe("12% of (customs value €160.00 + shipping share €9.90) (merchant rate for HS 6109 → EU)");
    expect(duty.amount).toBe(2039);
    const vat = r.lines.find((l) => l.label === "Import VAT, 6109.10 ×2")!;
    expect([vat.formula, vat.amount]).toEqual(["19% of (customs value €160.00 + duty €20.39)", 3427]);
    expect(r.totals.addToRate).toBe(2039 + 3427 + 188);
  });

  it("picks the VAT rate in force on the import date (Finland 24% → 25.5% on 1 Sep 2024)", () => {
    const before = computeLandedCost(shipmentTo("FI", { date: "2024-08-31" }), settingsWith(), "DAP");
    const after = computeLandedCost(shipmentTo("FI", { date: "2024-09-01" }), settingsWith(), "DAP");
    expect(before.lines[0].formula).toBe("24% of customs value €50.00");
    expect(after.lines[0].formula).toBe("25.5% of customs value €50.00");
    expect(after.lines[0].amount).toBe(1275);
  });
});

describe("United States", () => {
  const usd = { shopCurrency: "USD", originCountry: "CN" };
  const item = { hsCode: "6109.10", originCountry: "CN", unitValue: 1000, currency: "USD", quantity: 1 };

  it("has no de minimis since 29 August 2025, so a $10 parcel pays duty", () => {
    const r = computeLandedCost(shipmentTo("US", { ...usd, items: [item] }), settingsWith({ dutyRates: [{ hsPrefix: "6109", destination: "US", percent: "16.5" }] }), "DDP");
    expect(r.regime).toBe("US-2025-08");
    expect(r.deMinimis).toContain("duty: no de minimis for US (US-2025-08), duty due from the first unit");
    expect(duties(r)).toBe(165);
    expect(taxes(r)).toBe(0);
  });

  it("waived duty under $800 before the suspension", () => {
    const r = computeLandedCost(shipmentTo("US", { ...usd, items: [item], date: "2025-08-28" }), settingsWith(), "DDP");
    expect(r.regime).toBe("US-321");
    expect(duties(r)).toBe(0);
    expect(r.complete).toBe(true);
  });

  it("reports a missing duty rate instead of quoting zero duty", () => {
    const r = computeLandedCost(shipmentTo("US", { ...usd, items: [item] }), settingsWith(), "DDP");
    expect(r.complete).toBe(false);
    expect(r.messages).toContainEqual({ level: "error", code: "duty_unknown", text: "duty unknown for HS 6109.10 → US", said: say("landedCost:engine.dutyUnknown", { hs: "6109.10", country: "US" }) });
  });
});

describe("Canada", () => {
  const cad = (unitValue: number, over = {}) =>
    shipmentTo("CA", { shopCurrency: "CAD", province: "ON", items: [{ hsCode: "6109.10", unitValue, currency: "CAD", quantity: 1 }], ...over });
  const rates = settingsWith({ dutyRates: [{ hsPrefix: "6109", destination: "CA", percent: "18" }] });

  it("waives duty and tax up to CAD 40 from the US (CUSMA courier)", () => {
    const r = computeLandedCost(cad(4000), rates, "DAP");
    expect(r.lines).toEqual([]);
    expect(r.complete).toBe(true);
  });

  it("charges Ontario HST but no duty between CAD 40 and CAD 150 from the US", () => {
    const r = computeLandedCost(cad(10000), rates, "DAP");
    expect(duties(r)).toBe(0);
    expect(r.lines[0].label).toBe("HST, 6109.10 ×1");
    expect(r.lines[0].formula).toBe("13% of customs value CAD 100.00");
  });

  it("charges duty and HST on value plus duty above CAD 150, and uses the CAD 20 threshold from elsewhere", () => {
    const above = computeLandedCost(cad(20000), rates, "DAP");
    expect(duties(above)).toBe(3600);
    expect(above.lines[1].formula).toBe("13% of (customs value CAD 200.00 + duty CAD 36.00)");
    const fromChina = computeLandedCost(cad(3000, { originCountry: "CN" }), rates, "DAP");
    expect(duties(fromChina)).toBe(540);
  });

  it("applies Nova Scotia's 14% HST from 1 April 2025 and warns when the province is unknown", () => {
    expect(computeLandedCost(cad(10000, { province: "NS", date: "2025-03-31" }), rates, "DAP").lines[0].formula).toMatch(/^15%/);
    expect(computeLandedCost(cad(10000, { province: "NS" }), rates, "DAP").lines[0].formula).toMatch(/^14%/);
    const none = computeLandedCost(cad(10000, { province: undefined }), rates, "DAP");
    expect(none.lines[0].label).toBe("GST, 6109.10 ×1");
    expect(none.messages.map((m) => m.code)).toContain("province");
  });
});

describe("other destinations", () => {
  it("Mexico: 33.5% global rate from non-treaty origins, exempt up to USD 50 from the US", () => {
    const usdItem = (v: number) => [{ hsCode: "6109.10", unitValue: v, currency: "USD", quantity: 1 }];
    const cn = computeLandedCost(shipmentTo("MX", { shopCurrency: "USD", originCountry: "CN", items: usdItem(10000) }), settingsWith(), "DDP");
    expect(cn.lines.map((l) => [l.kind, l.amount, l.formula])).toEqual([["charge", 3350, "33.5% of (customs value $100.00 + shipping $0.00)"]]);
    const us = computeLandedCost(shipmentTo("MX", { shopCurrency: "USD", items: usdItem(5000) }), settingsWith(), "DDP");
    expect(us.lines).toEqual([]);
  });

  it("Brazil: Remessa Conforme 20% up to USD 50 and ICMS 17% grossed up", () => {
    const s = shipmentTo("BR", { shopCurrency: "USD", originCountry: "CN", shipping: 1000, items: [{ hsCode: "6109.10", unitValue: 4000, currency: "USD", quantity: 1 }] });
    const r = computeLandedCost(s, settingsWith({ registrations: ["BR-PRC"] }), "DDP");
    expect(duties(r)).toBe(1000);
    // ICMS = (40.00 + 10.00 duty) × 17/83 on the item, 10.00 × 17/83 on shipping.
    expect(taxes(r)).toBe(1024 + 205);
  });

  it("Brazil: ICMS is 20% in the states that raised it on 1 April 2025", () => {
    const s = (date: string) => shipmentTo("BR", { shopCurrency: "USD", province: "MG", date, items: [{ hsCode: "6109.10", unitValue: 4000, currency: "USD", quantity: 1 }] });
    const settings = settingsWith({ registrations: ["BR-PRC"] });
    expect(computeLandedCost(s("2025-03-31"), settings, "DDP").lines[1].formula).toBe("17% 'por dentro' (÷ 83%) of (customs value $40.00 + duty $8.00)");
    expect(computeLandedCost(s("2025-04-01"), settings, "DDP").lines[1].amount).toBe(1200); // 48.00 × 20/80
  });

  it("Japan: the ¥10,000 rule ends on 1 April 2028 and later dates are reported, not guessed", () => {
    const r = computeLandedCost(shipmentTo("JP", { date: "2028-04-01", shopCurrency: "JPY", items: [{ unitValue: 5000, currency: "JPY", quantity: 1 }] }), settingsWith(), "DDP");
    expect(r.messages[0].code).toBe("destination_not_covered");
  });

  it("UK: consignments up to £135 carry VAT at sale and no duty; above, duty and VAT at the border", () => {
    const gbp = (v: number) => shipmentTo("GB", { shopCurrency: "GBP", items: [{ hsCode: "6109.10", unitValue: v, currency: "GBP", quantity: 1 }] });
    const settings = settingsWith({ registrations: ["UK"], dutyRates: [{ hsPrefix: "6109", destination: "GB", percent: "12" }] });
    const low = computeLandedCost(gbp(13500), settings, "DDP");
    expect(low.totals.addToRate).toBe(0);
    expect(low.totals.collectedAtSale).toBe(2700);
    const high = computeLandedCost(gbp(13501), settings, "DDP");
    expect(high.totals.addToRate).toBe(1620 + 3024);
  });

  it("Switzerland: import VAT of CHF 5 or less is not levied", () => {
    const chf = (v: number) => shipmentTo("CH", { shopCurrency: "CHF", items: [{ hsCode: "6109.10", unitValue: v, currency: "CHF", quantity: 1 }] });
    const settings = settingsWith({ dutyRates: [{ hsPrefix: "61", destination: "CH", perKg: 0, currency: "CHF" }] });
    const low = computeLandedCost(chf(6100), settings, "DAP");
    expect(taxes(low)).toBe(0);
    expect(low.deMinimis.join("\n")).toContain("tax: Swiss import VAT of CHF 5 or less is not levied (tax CHF 4.94 ≤ CHF 5.00), not collected");
    expect(taxes(computeLandedCost(chf(6200), settings, "DAP"))).toBe(502);
  });

  it("Norway: VOEC items below NOK 3,000 carry VAT at sale; otherwise VAT from the first krone", () => {
    const nok = shipmentTo("NO", { shopCurrency: "NOK", items: [{ hsCode: "6109.10", unitValue: 10000, currency: "NOK", quantity: 1 }] });
    const voec = computeLandedCost(nok, settingsWith({ registrations: ["VOEC"] }), "DAP");
    expect(voec.totals.dueOnDelivery).toBe(0);
    expect(voec.totals.collectedAtSale).toBe(2500);
    const plain = computeLandedCost(nok, settingsWith({ dutyRates: [{ hsPrefix: "6109", destination: "NO", percent: "10.7" }] }), "DAP");
    expect(plain.totals.dueOnDelivery).toBe(1070 + 2768);
  });

  it("Australia and New Zealand: nothing at the border up to 1,000; GST at sale when registered", () => {
    const aud = shipmentTo("AU", { shopCurrency: "AUD", items: [{ hsCode: "6109.10", unitValue: 100000, currency: "AUD", quantity: 1 }] });
    expect(computeLandedCost(aud, settingsWith(), "DAP").lines).toEqual([]);
    expect(computeLandedCost(aud, settingsWith({ registrations: ["AU"] }), "DAP").totals.collectedAtSale).toBe(10000);
    const nzd = shipmentTo("NZ", { shopCurrency: "NZD", items: [{ hsCode: "6109.10", unitValue: 100001, currency: "NZD", quantity: 1 }] });
    const above = computeLandedCost(nzd, settingsWith({ dutyRates: [{ hsPrefix: "6109", destination: "NZ", percent: "10" }] }), "DAP");
    expect(above.totals.dueOnDelivery).toBe(10000 + 16500);
  });

  it("Japan: values personal imports at 60% and exempts up to ¥10,000", () => {
    const jpy = (v: number) => shipmentTo("JP", { shopCurrency: "JPY", items: [{ hsCode: "6109.10", unitValue: v, currency: "JPY", quantity: 1 }] });
    expect(computeLandedCost(jpy(16000), settingsWith(), "DAP").lines).toEqual([]);
    const r = computeLandedCost(jpy(20000), settingsWith(), "DAP");
    expect(r.messages).toContainEqual(expect.objectContaining({ level: "error", code: "duty_unknown", text: "duty unknown for HS 6109.10 → JP" }));
    expect(r.lines[0].formula).toBe("10% of customs value ¥12000 (duty unknown, not included)");
  });

  it("South Korea: USD 200 from the US, USD 150 from elsewhere", () => {
    const s = (from: string) => shipmentTo("KR", { shopCurrency: "USD", originCountry: from, items: [{ hsCode: "6109.10", unitValue: 18000, currency: "USD", quantity: 1 }] });
    const settings = settingsWith({ dutyRates: [{ hsPrefix: "6109", destination: "KR", percent: "13" }] });
    expect(computeLandedCost(s("US"), settings, "DAP").lines).toEqual([]);
    expect(computeLandedCost(s("CN"), settings, "DAP").totals.dueOnDelivery).toBe(2340 + 2034);
  });

  it("Singapore: no duty on general goods and GST relief up to S$400 CIF", () => {
    const sgd = (v: number) => shipmentTo("SG", { shopCurrency: "SGD", items: [{ hsCode: "6109.10", unitValue: v, currency: "SGD", quantity: 1 }] });
    expect(computeLandedCost(sgd(40000), settingsWith(), "DAP").lines).toEqual([]);
    const r = computeLandedCost(sgd(50000), settingsWith(), "DAP");
    expect(r.complete).toBe(true);
    expect(r.totals.dueOnDelivery).toBe(4500);
  });

  it("China: CBEC sellers withhold 70% of VAT at sale with no duty", () => {
    const cny = shipmentTo("CN", { shopCurrency: "CNY", items: [{ hsCode: "6109.10", unitValue: 100000, currency: "CNY", quantity: 1 }] });
    const r = computeLandedCost(cny, settingsWith({ registrations: ["CN-CBEC"] }), "DDP");
    expect(r.totals.collectedAtSale).toBe(9100);
    expect(duties(r)).toBe(0);
  });

  it("Indonesia: duty-free up to USD 3 but VAT from the first rupiah; 7.5% flat above, the tariff for apparel", () => {
    const usd = (hs: string, v: number) => shipmentTo("ID", { shopCurrency: "USD", items: [{ hsCode: hs, unitValue: v, currency: "USD", quantity: 1 }] });
    const low = computeLandedCost(usd("8517.62", 300), settingsWith(), "DAP");
    expect(duties(low)).toBe(0);
    expect(taxes(low)).toBe(33);
    expect(duties(computeLandedCost(usd("8517.62", 10000), settingsWith(), "DAP"))).toBe(750);
    expect(computeLandedCost(usd("6109.10", 10000), settingsWith(), "DAP").messages[0].text).toBe("duty unknown for HS 6109.10 → ID");
  });

  it("India: BCD 10% plus 10% surcharge plus 18% IGST makes 30.98% for courier personal imports", () => {
    const r = computeLandedCost(shipmentTo("IN", { shopCurrency: "INR", items: [{ hsCode: "6109.10", unitValue: 1000000, currency: "INR", quantity: 1 }] }), settingsWith(), "DDP");
    expect(r.totals.addToRate).toBe(309800);
  });
});

describe("settings and trace", () => {
  it("never folds duties when Shopify's own duties collection is on", () => {
    const s = shipmentTo("DE", { items: [{ hsCode: "6109.10", unitValue: 20000, currency: "EUR", quantity: 1 }] });
    const r = computeLandedCost(s, settingsWith({ shopifyCollectsDuties: true, dutyRates: [tshirts12] }), "DDP");
    expect(r.totals.chargedByShopify).toBe(2400);
    expect(r.totals.addToRate).toBe(4256);
    expect(r.messages.map((m) => m.code)).toContain("shopify_collects");
  });

  it("reports a missing HS code as unknown duty", () => {
    const s = shipmentTo("DE", { items: [{ sku: "MUG-1", unitValue: 20000, currency: "EUR", quantity: 1 }] });
    const r = computeLandedCost(s, settingsWith(), "DDP");
    expect(r.complete).toBe(false);
    expect(r.messages[0].text).toBe("HS code missing for MUG-1 → duty unknown for DE");
  });

  it("adds brokerage and a disbursement with its minimum only when something is due at the border", () => {
    const fees = [
      { label: "Brokerage", kind: "brokerage" as const, flat: 300 },
      { label: "Disbursement", kind: "disbursement" as const, percentOfDutiesAndTaxes: "2", minimum: 150 },
    ];
    const due = computeLandedCost(shipmentTo("DE"), settingsWith({ fees }), "DAP");
    expect(due.lines.filter((l) => l.kind === "fee").map((l) => [l.amount, l.formula])).toEqual([
      [300, "flat €3.00"],
      [150, "2% of duties and taxes €9.50 (minimum €1.50)"],
    ]);
    const nothing = computeLandedCost(shipmentTo("AU", { shopCurrency: "AUD", items: [{ hsCode: "6109.10", unitValue: 100, currency: "AUD", quantity: 1 }] }), settingsWith({ fees }), "DAP");
    expect(nothing.lines).toEqual([]);
  });

  it("converts through the exchange-rate table, shows the rate, and compares thresholds in euros", () => {
    const s = shipmentTo("DE", { shopCurrency: "USD", items: [{ hsCode: "6109.10", unitValue: 17400, currency: "USD", quantity: 1 }] });
    const r = computeLandedCost(s, settingsWith({ exchangeRates: [eurUsd], dutyRates: [tshirts12] }), "DDP");
    expect(r.conversions).toEqual(["USD 174.00 → EUR 150.00 at 1 EUR = 1.16 USD, inverted (ECB reference rate, 2026-11-30)"]);
    expect(duties(r)).toBe(0);
    expect(r.lines[0].currency).toBe("USD");
  });

  it("returns an explicit error, not a throw, when an exchange rate is missing", () => {
    const s = shipmentTo("DE", { shopCurrency: "USD" });
    const r = computeLandedCost(s, settingsWith(), "DDP");
    expect(r.complete).toBe(false);
    expect(r.messages[0].code).toBe("exchange_rate_missing");
    expect(r.lines).toEqual([]);
  });

  it("rounds each line once, half away from zero, and totals are exact sums of the lines", () => {
    const items = Array.from({ length: 7 }, () => ({ hsCode: "6109.10", unitValue: 333, currency: "EUR", quantity: 3 }));
    const r = computeLandedCost(shipmentTo("DE", { items, shipping: 1001 }), settingsWith(), "DAP");
    const perItem = r.lines.filter((l) => typeof l.item === "number");
    expect(perItem.every((l) => l.amount === 190)).toBe(true); // 19% of 9.99 = 1.8981 → 1.90
    expect(r.totals.dueOnDelivery).toBe(r.lines.reduce((a, l) => a + l.amount, 0));
    expect(r.lines.find((l) => l.item === "shipping")!.amount).toBe(190); // 19% of 10.01 = 1.9019 → 1.90
  });

  it("charges specific duties per kilogram and per unit, converted at the table rate", () => {
    const s = shipmentTo("CH", {
      shopCurrency: "EUR",
      items: [{ hsCode: "6109.10", unitValue: 10000, currency: "EUR", quantity: 3, unitWeightGrams: 250 }],
    });
    const settings = settingsWith({
      dutyRates: [{ hsPrefix: "6109", destination: "CH", perKg: 1000, perUnit: 50, currency: "CHF" }],
      exchangeRates: [{ base: "EUR", quote: "CHF", rate: "0.93", date: "2026-11-30", source: "SNB" }],
    });
    const duty = computeLandedCost(s, settings, "DAP").lines.find((l) => l.kind === "duty")!;
    // CHF 10.00/kg → €10.75; × 0.75 kg = €8.0625 → €8.06; CHF 0.50/unit → €0.54, × 3 = €1.62.
    expect([duty.amount, duty.formula]).toEqual([162 + 806, "3 × €0.54 + €10.75/kg × 0.750 kg (merchant rate for HS 6109 → CH)"]);
  });

  it("converts the EU's €3 flat duty into the shop currency and shows the rate", () => {
    const s = shipmentTo("IT", { shopCurrency: "USD", items: [{ hsCode: "6109.10", unitValue: 5000, currency: "USD", quantity: 1 }] });
    const r = computeLandedCost(s, settingsWith({ registrations: ["IOSS"], exchangeRates: [eurUsd] }), "DDP");
    expect(r.lines.find((l) => l.kind === "duty")!.amount).toBe(348);
    expect(r.conversions).toContain("EUR 3.00 → USD 3.48 at 1 EUR = 1.16 USD (ECB reference rate, 2026-11-30)");
  });

  it("says its messages in the merchant's language, money formatted for the locale", async () => {
    const fr = await sayIn("fr");
    expect(fr(computeLandedCost(shipmentTo("AR"), settingsWith(), "DDP").messages[0]!.said)).toBe("Aucune règle de coût d'importation pour AR au 2026-12-01");
    expect(fr(say("landedCost:engine.formalEntry", { amountMinor: 123456, currency: "AUD", limit: "LVG", country: "AU" }))).toBe(
      "1\u202f234,56\u00a0$AU dépasse la limite LVG pour AU\u00a0: une déclaration en douane complète est nécessaire, non estimée",
    );
  });

  it("reports a destination without rules", () => {
    const r = computeLandedCost(shipmentTo("AR"), settingsWith(), "DDP");
    expect(r.messages[0]).toEqual({ level: "error", code: "destination_not_covered", text: "no landed-cost rules for AR on 2026-12-01", said: say("landedCost:engine.notCovered", { country: "AR", date: "2026-12-01" }) });
  });
});
