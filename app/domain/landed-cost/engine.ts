// The landed-cost engine: shipment + settings + incoterm → lines, decisions and totals. Pure and synchronous.
// Every amount is integer minor units of the shop currency; every line rounds once (half away from zero), and
// totals are sums of lines, so nothing drifts. Thresholds are compared in the rule's own currency after one
// conversion through the shop's exchange-rate table, and the conversion is written into the trace.
import { say } from "~/lib/said";
import { fmt, percentOfAmount, grossedUpTax, allocate, displayHs } from "./format";
import { divideRounded } from "../money";
import { fxTableFor, MissingExchangeRateError } from "./fx";
import { findDutyRate, selectRegime, selectTaxRate } from "./lookup";
import type {
  Incoterm,
  LandedCostLine,
  LandedCostResult,
  LandedCostSettings,
  Payer,
  Shipment,
} from "./model";
import type { DeMinimisRule, Regime } from "./rules";
import type { RuleSource } from "./sources";

const MERCHANT = { title: "merchant landed-cost settings", confidence: "merchant" as const };

type Ctx = {
  shipment: Shipment;
  settings: LandedCostSettings;
  regime: Regime;
  shop: string;
  payer: Payer;
  result: LandedCostResult;
  conv: (amount: number, from: string, to: string) => number;
};

function emptyResult(shipment: Shipment, incoterm: Incoterm, regime: string): LandedCostResult {
  return {
    destination: shipment.destination.country,
    province: shipment.destination.province,
    date: shipment.date,
    incoterm,
    currency: shipment.shopCurrency,
    regime,
    lines: [],
    deMinimis: [],
    conversions: [],
    messages: [],
    complete: true,
    totals: { duties: 0, taxes: 0, fees: 0, addToRate: 0, dueOnDelivery: 0, collectedAtSale: 0, chargedByShopify: 0 },
  };
}

const within = (value: number, upTo: number, exclusive?: boolean) => (exclusive ? value < upTo : value <= upTo);
const compare = (value: number, upTo: number, exclusive: boolean | undefined, currency: string) =>
  `${fmt(value, currency)} ${within(value, upTo, exclusive) ? (exclusive ? "<" : "≤") : exclusive ? "≥" : ">"} ${fmt(upTo, currency)}`;

/**
 * Computes duties, import taxes and fees for one shipment under one incoterm.
 * Never throws for a business reason: a missing rule, rate or HS code becomes a message and `complete: false`.
 */
export function computeLandedCost(shipment: Shipment, settings: LandedCostSettings, incoterm: Incoterm): LandedCostResult {
  const dest = shipment.destination.country;
  if (dest === shipment.originCountry) {
    const r = emptyResult(shipment, incoterm, "domestic");
    r.deMinimis.push(`duty and tax: domestic shipment inside ${dest}, nothing is imported`);
    return r;
  }
  const regime = selectRegime(dest, shipment.date);
  if (!regime) {
    const r = emptyResult(shipment, incoterm, "none");
    r.complete = false;
    r.messages.push({ level: "error", code: "destination_not_covered", text: `no landed-cost rules for ${dest} on ${shipment.date}`, said: say("landedCost:engine.notCovered", { country: dest, date: shipment.date }) });
    return r;
  }
  const result = emptyResult(shipment, incoterm, regime.id);
  const fx = fxTableFor(settings.exchangeRates);
  const conv = (amount: number, from: string, to: string) => {
    const c = fx.convert(amount, from, to);
    if (c.trace && !result.conversions.includes(c.trace)) result.conversions.push(c.trace);
    return c.amount;
  };
  const ctx: Ctx = { shipment, settings, regime, shop: shipment.shopCurrency, payer: incoterm === "DDP" ? "checkout" : "delivery", result, conv };
  try {
    compute(ctx);
  } catch (error) {
    if (!(error instanceof MissingExchangeRateError)) throw error;
    const r = emptyResult(shipment, incoterm, regime.id);
    r.complete = false;
    r.conversions = result.conversions;
    r.messages.push({ level: "error", code: "exchange_rate_missing", text: `${error.message}: add it to the landed-cost exchange rates`, said: say("landedCost:engine.exchangeRateMissing", { from: error.from, to: error.to }) });
    return r;
  }
  finishTotals(result);
  addFeesAndTotals(result, settings);
  return result;
}

function compute(ctx: Ctx): void {
  const basis = prepare(ctx);
  const duties = computeDuties(ctx, basis);
  computeTaxes(ctx, basis, duties);
}

/** Values, measures in the threshold currency, the de minimis rules that apply, and the seller-scheme decision. */
function prepare(ctx: Ctx) {
  const { shipment, settings, regime, shop, result, conv } = ctx;
  const items = shipment.items;
  const cur = regime.currency;
  const fromCountry = shipment.originCountry;

  // Customs values in the shop currency, one conversion per line.
  const retail = items.map((it) => conv(it.unitValue * it.quantity, it.currency, shop));
  const customs = regime.customsValuePercent ? retail.map((v) => percentOfAmount(v, regime.customsValuePercent!)) : retail;
  if (regime.customsValuePercent) {
    result.deMinimis.push(`customs value is ${regime.customsValuePercent}% of the retail price for personal-use imports (${regime.id})`);
  }
  const goods = customs.reduce((a, b) => a + b, 0);
  const shipping = shipment.shipping;
  const shippingShare = allocate(shipping, customs);

  // Measures in the threshold currency.
  const goodsThr = conv(goods, shop, cur);
  const goodsShipThr = conv(goods + shipping, shop, cur);
  let maxUnitThr: number | undefined; // per-item measure (Norway VOEC): converted only when a rule asks for it
  const maxUnit = () => (maxUnitThr ??= Math.max(...items.map((it) => conv(it.unitValue, it.currency, cur))));
  const measure = (m: DeMinimisRule["measure"] | "max_item") =>
    m === "goods" ? goodsThr : m === "goods_and_shipping" ? goodsShipThr : m === "max_item" ? maxUnit() : 0;
  const measureName = (m: string) =>
    m === "goods" ? "goods" : m === "goods_and_shipping" ? "goods + shipping" : m === "max_item" ? "most valuable item" : "amount";

  const rulesFor = (charge: "duty" | "tax") =>
    regime.deMinimis.filter((d) => d.charge === charge && (!d.shipFrom || d.shipFrom.includes(fromCountry)));
  const valueRule = (charge: "duty" | "tax") => rulesFor(charge).find((d) => d.measure !== "amount");
  const amountRule = (charge: "duty" | "tax") => rulesFor(charge).find((d) => d.measure === "amount");

  // Seller-collection scheme.
  const scheme = regime.scheme;
  const registered = scheme ? settings.registrations.includes(scheme.registration) : false;
  const schemeInRange = scheme ? within(measure(scheme.measure), scheme.upTo, scheme.exclusive) : false;
  const schemeActive = registered && schemeInRange;
  if (scheme) {
    const cmp = `${measureName(scheme.measure)} ${compare(measure(scheme.measure), scheme.upTo, scheme.exclusive, cur)}`;
    if (schemeActive) result.deMinimis.push(`tax: below the ${scheme.registration} threshold (${cmp}): collected at sale under ${scheme.label}, no import tax due on delivery`);
    else if (registered || !schemeInRange) result.deMinimis.push(`tax: above the ${scheme.registration} threshold (${cmp}): import tax due at the border`);
    else result.deMinimis.push(`tax: the shop is not registered for ${scheme.registration} (${cmp}): import tax due at the border`);
  }

  const dutyPayer: Payer = settings.shopifyCollectsDuties ? "shopify" : ctx.payer;
  const taxPayer: Payer = settings.shopifyCollectsImportTaxes ? "shopify" : ctx.payer;
  const src = regime.sources[0];
  const push = (line: Omit<LandedCostLine, "currency" | "effectiveFrom"> & { effectiveFrom?: string }) =>
    result.lines.push({ ...line, currency: shop, effectiveFrom: line.effectiveFrom ?? regime.from });
  const itemName = (i: number) => {
    const it = items[i];
    return `${it.hsCode ? displayHs(it.hsCode) : it.sku ?? `item ${i + 1}`} ×${it.quantity}`;
  };
  const dutyBase = (i: number) => customs[i] + (regime.dutyBase === "CIF" ? shippingShare[i] : 0);
  const dutyBaseWords = (i: number) =>
    regime.dutyBase === "CIF" && shippingShare[i] > 0
      ? `(customs value ${fmt(customs[i], shop)} + shipping share ${fmt(shippingShare[i], shop)})`
      : `customs value ${fmt(customs[i], shop)}`;
  return {
    dutyBase, dutyBaseWords, items, cur, fromCountry, retail, customs, goods, shipping, shippingShare, goodsThr, goodsShipThr,
    measure, measureName, valueRule, amountRule, scheme, schemeActive, dutyPayer, taxPayer, src, push, itemName,
  };
}

type Basis = ReturnType<typeof prepare>;
type Duties = { duty: number[]; unknownDuty: Set<number>; taxInDuty: boolean };

/** Duty per item (by band, flat interim rule, or the merchant's table), after the de minimis and scheme decisions. */
function computeDuties(ctx: Ctx, b: Basis): Duties {
  const { settings, regime, shop, result, conv } = ctx;
  const { items, cur, fromCountry, customs, goods, shipping, goodsThr, goodsShipThr } = b;
  const { measure, measureName, valueRule, amountRule, scheme, schemeActive, dutyPayer, src, push, itemName, dutyBase, dutyBaseWords } = b;
  const duty = items.map(() => 0);
  const unknownDuty = new Set<number>();
  let taxInDuty = false;
  const dutyValueRule = valueRule("duty");
  const flat = regime.flatDuty;
  const flatApplies = !!flat && (flat.when === "always" || schemeActive) && (flat.upTo === undefined || goodsThr <= flat.upTo);
  // A scheme-only flat duty (EU €3 under IOSS) replaces the value relief; an "always" one sits above it (Indonesia).
  const flatOverrides = flatApplies && flat!.when === "scheme";

  if (schemeActive && scheme!.dutyWaived) {
    result.deMinimis.push(`duty: not collected on ${scheme!.registration} consignments (${scheme!.label})`);
  } else if (regime.bandRate) {
    const band = regime.bandRate.bands.find(
      (b) =>
        (!b.shipFrom || b.shipFrom.includes(fromCountry)) &&
        (!b.registration || settings.registrations.includes(b.registration)) &&
        goodsShipThr > b.over &&
        (b.upTo === undefined || goodsShipThr <= b.upTo),
    );
    const cif = goods + shipping;
    if (!band) {
      taxInDuty = regime.bandRate.includesTax;
      result.complete = false;
      result.messages.push({ level: "error", code: "formal_entry", text: `${fmt(goodsShipThr, cur)} is above the ${regime.bandRate.label} limit for ${regime.countries[0]}: a formal entry is needed, not estimated`, said: say("landedCost:engine.formalEntry", { amountMinor: goodsShipThr, currency: cur, limit: regime.bandRate.label, country: regime.countries[0] ?? "" }) });
    } else if (band.percent === "0") {
      result.deMinimis.push(`duty and tax: ${regime.bandRate.label} exempts goods + shipping ${fmt(goodsShipThr, cur)} ≤ ${fmt(band.upTo!, cur)}${band.shipFrom ? ` shipped from ${band.shipFrom.join("/")}` : ""}`);
      taxInDuty = regime.bandRate.includesTax;
    } else {
      const gross = percentOfAmount(cif, band.percent);
      const deduction = band.deduction ? conv(band.deduction, cur, shop) : 0;
      const amount = Math.max(0, gross - deduction);
      const all = allocate(amount, customs);
      all.forEach((a, i) => (duty[i] = a));
      taxInDuty = regime.bandRate.includesTax;
      result.deMinimis.push(`duty: ${regime.bandRate.label} band ${fmt(band.over, cur)}–${fmt(band.upTo ?? 0, cur)} applies (goods + shipping ${fmt(goodsShipThr, cur)})`);
      push({
        kind: regime.bandRate.includesTax ? "charge" : "duty",
        label: regime.bandRate.label,
        amount,
        formula: `${band.percent}% of (customs value ${fmt(goods, shop)} + shipping ${fmt(shipping, shop)})${deduction ? ` − ${fmt(deduction, shop)} (${fmt(band.deduction!, cur)} deduction)` : ""}`,
        payer: dutyPayer,
        source: src,
      });
    }
  } else if (!flatOverrides && dutyValueRule && within(measure(dutyValueRule.measure), dutyValueRule.upTo, dutyValueRule.exclusive)) {
    result.deMinimis.push(`duty: below the de minimis (${dutyValueRule.label}: ${measureName(dutyValueRule.measure)} ${compare(measure(dutyValueRule.measure), dutyValueRule.upTo, dutyValueRule.exclusive, cur)}), no duty`);
  } else {
    if (dutyValueRule && !flatOverrides) {
      result.deMinimis.push(`duty: above the de minimis (${dutyValueRule.label}: ${measureName(dutyValueRule.measure)} ${compare(measure(dutyValueRule.measure), dutyValueRule.upTo, dutyValueRule.exclusive, cur)})`);
    } else if (!amountRule("duty")) {
      result.deMinimis.push(`duty: no de minimis for ${regime.countries.length > 1 ? "this destination" : regime.countries[0]} (${regime.id}), duty due from the first unit`);
    }
    const viaTable = items.map(() => true);
    if (flat && flatApplies && flat.kind === "per_subheading") {
      const seen = new Map<string, number[]>();
      items.forEach((it, i) => {
        if (!it.hsCode) return;
        const sub = it.hsCode.slice(0, 6);
        seen.set(sub, [...(seen.get(sub) ?? []), i]);
      });
      const each = conv(flat.amount, cur, shop);
      for (const [sub, idx] of seen) {
        idx.forEach((i) => (viaTable[i] = false));
        const parts = allocate(each, idx.map((i) => customs[i]));
        idx.forEach((i, k) => (duty[i] = parts[k]));
        push({ kind: "duty", label: `${flat.label}: ${displayHs(sub)}`, amount: each, formula: `${fmt(flat.amount, cur)} for sub-heading ${displayHs(sub)} (${idx.length} line${idx.length > 1 ? "s" : ""})`, payer: dutyPayer, source: regime.sources[regime.sources.length - 1] });
      }
      result.deMinimis.push(`duty: ${flat.label} (IOSS consignment ${fmt(goodsThr, cur)} ≤ ${fmt(flat.upTo ?? 0, cur)})`);
    } else if (flat && flatApplies && flat.kind === "percent") {
      items.forEach((it, i) => {
        if (flat.exceptHs && it.hsCode && flat.exceptHs.some((p) => it.hsCode!.startsWith(p))) return;
        viaTable[i] = false;
        const base = dutyBase(i);
        const basic = percentOfAmount(base, flat.percent);
        duty[i] = basic;
        push({ kind: "duty", label: `${flat.label}, ${itemName(i)}`, item: i, amount: basic, formula: `${flat.percent}% of ${dutyBaseWords(i)}`, payer: dutyPayer, source: src });
        if (flat.surchargePercentOfDuty) {
          const s = percentOfAmount(basic, flat.surchargePercentOfDuty.percent);
          duty[i] += s;
          push({ kind: "duty", label: `${flat.surchargePercentOfDuty.label}, ${itemName(i)}`, item: i, amount: s, formula: `${flat.surchargePercentOfDuty.percent}% of basic duty ${fmt(basic, shop)}`, payer: dutyPayer, source: src });
        }
      });
    }
    items.forEach((_, i) => {
      if (viaTable[i]) merchantTableDuty(ctx, b, i, { duty, unknownDuty });
    });
    if (regime.noGeneralDuty && !result.lines.some((l) => l.kind === "duty")) result.deMinimis.push(`duty: none (${regime.noGeneralDuty})`);
    const dutyAmountRule = amountRule("duty");
    if (dutyAmountRule) {
      const total = duty.reduce((a, b) => a + b, 0);
      const inCur = conv(total, shop, cur);
      if (within(inCur, dutyAmountRule.upTo, dutyAmountRule.exclusive)) {
        result.lines = result.lines.filter((l) => l.kind !== "duty");
        duty.fill(0);
        result.deMinimis.push(`duty: ${dutyAmountRule.label} (duty ${compare(inCur, dutyAmountRule.upTo, false, cur)}), not collected`);
      } else {
        result.deMinimis.push(`duty: due (duty ${compare(inCur, dutyAmountRule.upTo, false, cur)}, above ${dutyAmountRule.label})`);
      }
    }
  }
  return { duty, unknownDuty, taxInDuty };
}

/** One item's duty from the merchant's table; a missing HS code or rate is reported, never priced at zero. */
function merchantTableDuty(
  ctx: Ctx,
  b: Basis,
  i: number,
  duties: Pick<Duties, "duty" | "unknownDuty">,
): void {
  const { shipment, settings, regime, shop, result, conv } = ctx;
  const it = b.items[i];
  const { push, itemName, dutyPayer, dutyBase, dutyBaseWords } = b;
  if (!it.hsCode) {
    if (regime.noGeneralDuty) return;
    result.complete = false;
    duties.unknownDuty.add(i);
    result.messages.push({ level: "error", code: "hs_code_missing", text: `HS code missing for ${it.sku ?? `item ${i + 1}`} → duty unknown for ${shipment.destination.country}`, said: say("landedCost:engine.hsCodeMissing", { item: it.sku ?? `#${i + 1}`, country: shipment.destination.country }) });
    return;
  }
  const origin = it.originCountry ?? b.fromCountry;
  const rate = findDutyRate(settings.dutyRates, it.hsCode, shipment.destination.country, origin);
  if (!rate) {
    if (regime.noGeneralDuty) return;
    result.complete = false;
    duties.unknownDuty.add(i);
    result.messages.push({ level: "error", code: "duty_unknown", text: `duty unknown for HS ${displayHs(it.hsCode)} → ${shipment.destination.country}`, said: say("landedCost:engine.dutyUnknown", { hs: displayHs(it.hsCode), country: shipment.destination.country }) });
    return;
  }
  const parts: string[] = [];
  let amount = 0;
  if (rate.percent !== undefined) {
    amount += percentOfAmount(dutyBase(i), rate.percent);
    parts.push(`${rate.percent}% of ${dutyBaseWords(i)}`);
  }
  if (rate.perUnit !== undefined) {
    const perUnit = conv(rate.perUnit, rate.currency!, shop);
    amount += perUnit * it.quantity;
    parts.push(`${it.quantity} × ${fmt(perUnit, shop)}`);
  }
  if (rate.perKg !== undefined) {
    const grams = it.unitWeightGrams * it.quantity;
    const perKg = conv(rate.perKg, rate.currency!, shop);
    amount += Number(divideRounded(BigInt(perKg) * BigInt(grams), 1000n));
    parts.push(`${fmt(perKg, shop)}/kg × ${(grams / 1000).toFixed(3)} kg`);
  }
  duties.duty[i] = amount;
  push({
    kind: "duty",
    label: `Duty, ${itemName(i)}`,
    item: i,
    amount,
    formula: `${parts.join(" + ")} (merchant rate for HS ${displayHs(rate.hsPrefix)} → ${rate.destination}${rate.origin ? ` from ${rate.origin}` : ""})`,
    payer: dutyPayer,
    source: { ...MERCHANT, title: `merchant duty table${rate.note ? `: ${rate.note}` : ""}` },
    effectiveFrom: shipment.date,
  });
}

/** Import VAT/GST/HST per item and on shipping, or the tax a seller scheme collects at sale. */
function computeTaxes(ctx: Ctx, b: Basis, d: Duties): void {
  const { shipment, regime, shop, result, conv } = ctx;
  const { items, cur, retail, customs, shipping, measure, measureName, valueRule, amountRule, scheme, schemeActive, taxPayer, push, itemName } = b;
  const { duty, unknownDuty, taxInDuty } = d;
  if (regime.noImportTax) {
    result.deMinimis.push(`tax: none at import (${regime.noImportTax})`);
  } else if (taxInDuty) {
    result.deMinimis.push(`tax: included in the ${regime.bandRate!.label}`);
  } else {
    const rate = selectTaxRate(shipment.destination.country, shipment.destination.province, shipment.date);
    if (!rate) {
      result.complete = false;
      result.messages.push({ level: "error", code: "tax_rate_missing", text: `no import tax rate for ${shipment.destination.country} on ${shipment.date}`, said: say("landedCost:engine.taxRateMissing", { country: shipment.destination.country, date: shipment.date }) });
      return;
    }
    if (shipment.destination.country === "CA" && !rate.province) {
      const province = shipment.destination.province;
      result.messages.push(
        province
          ? { level: "info", code: "province", text: `${province}: GST only at the border`, said: say("landedCost:engine.gstOnly", { province }) }
          : { level: "warning", code: "province", text: "no province given: GST 5% only; HST provinces (ON, NB, NL, NS, PE) pay more", said: say("landedCost:engine.noProvince") },
      );
    }
    if (shipment.destination.country === "BR" && !shipment.destination.province) {
      result.messages.push({ level: "warning", code: "province", text: "no state given: ICMS 17%; ten states charge 20% (see the rate note)", said: say("landedCost:engine.noState") });
    }
    if (rate.note) result.messages.push({ level: "info", code: "tax_rate_note", text: `${rate.name} ${rate.percent}%: ${rate.note}` });
    const taxName = rate.name.charAt(0).toUpperCase() + rate.name.slice(1);
    const taxSrc: RuleSource = rate.source;
    if (schemeActive) {
      const share = scheme!.taxSharePercent;
      items.forEach((_, i) => {
        const full = percentOfAmount(retail[i], rate.percent);
        const amount = share ? percentOfAmount(full, share) : full;
        push({ kind: "tax", label: `${taxName} collected at sale, ${itemName(i)}`, item: i, amount, formula: `${share ? `${share}% of ` : ""}${rate.percent}% of price ${fmt(retail[i], shop)}`, payer: "sale", source: taxSrc, effectiveFrom: rate.from });
      });
      if (shipping > 0) {
        const full = percentOfAmount(shipping, rate.percent);
        const amount = share ? percentOfAmount(full, share) : full;
        push({ kind: "tax", label: `${taxName} collected at sale on shipping`, item: "shipping", amount, formula: `${share ? `${share}% of ` : ""}${rate.percent}% of shipping ${fmt(shipping, shop)}`, payer: "sale", source: taxSrc, effectiveFrom: rate.from });
      }
      return;
    }
    const taxValueRule = valueRule("tax");
    if (taxValueRule && within(measure(taxValueRule.measure), taxValueRule.upTo, taxValueRule.exclusive)) {
      result.deMinimis.push(`tax: below the de minimis (${taxValueRule.label}: ${measureName(taxValueRule.measure)} ${compare(measure(taxValueRule.measure), taxValueRule.upTo, taxValueRule.exclusive, cur)}), no import tax`);
      return;
    }
    if (taxValueRule) {
      result.deMinimis.push(`tax: above the de minimis (${taxValueRule.label}: ${measureName(taxValueRule.measure)} ${compare(measure(taxValueRule.measure), taxValueRule.upTo, taxValueRule.exclusive, cur)}), ${rate.name} due`);
    } else if (!amountRule("tax") && !scheme) {
      result.deMinimis.push(`tax: no de minimis, ${rate.name} due from the first unit`);
    }
    const taxLines: LandedCostLine[] = [];
    const taxOf = (base: number) => (regime.taxBase.grossUp ? grossedUpTax(base, rate.percent) : percentOfAmount(base, rate.percent));
    const rateWords = regime.taxBase.grossUp ? `${rate.percent}% 'por dentro' (÷ ${100 - Number(rate.percent)}%) of` : `${rate.percent}% of`;
    items.forEach((_, i) => {
      const withDuty = regime.taxBase.duty && duty[i] > 0;
      const base = customs[i] + (withDuty ? duty[i] : 0);
      const words = withDuty ? `(customs value ${fmt(customs[i], shop)} + duty ${fmt(duty[i], shop)})` : `customs value ${fmt(customs[i], shop)}`;
      const caveat = unknownDuty.has(i) ? " (duty unknown, not included)" : "";
      taxLines.push({ kind: "tax", label: `${taxName}, ${itemName(i)}`, item: i, amount: taxOf(base), currency: shop, formula: `${rateWords} ${words}${caveat}`, payer: taxPayer, source: taxSrc, effectiveFrom: rate.from });
    });
    if (regime.taxBase.shipping && shipping > 0) {
      taxLines.push({ kind: "tax", label: `${taxName} on shipping`, item: "shipping", amount: taxOf(shipping), currency: shop, formula: `${rateWords} shipping ${fmt(shipping, shop)}`, payer: taxPayer, source: taxSrc, effectiveFrom: rate.from });
    }
    const taxAmountRule = amountRule("tax");
    if (taxAmountRule) {
      const inCur = conv(taxLines.reduce((a, l) => a + l.amount, 0), shop, cur);
      if (within(inCur, taxAmountRule.upTo, taxAmountRule.exclusive)) {
        result.deMinimis.push(`tax: ${taxAmountRule.label} (tax ${compare(inCur, taxAmountRule.upTo, false, cur)}), not collected`);
        return;
      }
      result.deMinimis.push(`tax: due (tax ${compare(inCur, taxAmountRule.upTo, false, cur)}, above ${taxAmountRule.label})`);
    }
    result.lines.push(...taxLines);
  }
}

function finishTotals(result: LandedCostResult): void {
  // Fees apply only when something is collected at the border (by us or the carrier).
  const t = result.totals;
  for (const l of result.lines) {
    if (l.kind === "duty" || l.kind === "charge") t.duties += l.amount;
    if (l.kind === "tax" && l.payer !== "sale") t.taxes += l.amount;
  }
}

/** Adds the merchant's fees (brokerage, disbursement) and fills the payer totals. */
function addFeesAndTotals(result: LandedCostResult, settings: LandedCostSettings): LandedCostResult {
  const payer: Payer = result.incoterm === "DDP" ? "checkout" : "delivery";
  const border = result.lines.filter((l) => l.payer === payer && l.kind !== "fee").reduce((a, l) => a + l.amount, 0);
  if (border > 0) {
    for (const fee of settings.fees) {
      let amount = fee.flat ?? 0;
      let formula = fee.flat !== undefined ? `flat ${fmt(fee.flat, result.currency)}` : "";
      if (fee.percentOfDutiesAndTaxes !== undefined) {
        const p = percentOfAmount(border, fee.percentOfDutiesAndTaxes);
        amount += p;
        formula = [formula, `${fee.percentOfDutiesAndTaxes}% of duties and taxes ${fmt(border, result.currency)}`].filter(Boolean).join(" + ");
      }
      if (fee.minimum !== undefined && amount < fee.minimum) {
        amount = fee.minimum;
        formula += ` (minimum ${fmt(fee.minimum, result.currency)})`;
      }
      result.lines.push({ kind: "fee", label: fee.label, amount, currency: result.currency, formula, payer, source: MERCHANT, effectiveFrom: result.date });
    }
  } else if (settings.fees.length > 0) {
    result.deMinimis.push("fees: nothing is collected at the border, so no brokerage or disbursement fee");
  }
  const t = result.totals;
  t.fees = 0;
  t.addToRate = 0;
  t.dueOnDelivery = 0;
  t.collectedAtSale = 0;
  t.chargedByShopify = 0;
  for (const l of result.lines) {
    if (l.kind === "fee") t.fees += l.amount;
    if (l.payer === "checkout") t.addToRate += l.amount;
    if (l.payer === "delivery") t.dueOnDelivery += l.amount;
    if (l.payer === "sale") t.collectedAtSale += l.amount;
    if (l.payer === "shopify") t.chargedByShopify += l.amount;
  }
  if (t.chargedByShopify > 0) {
    result.messages.push({ level: "info", code: "shopify_collects", text: "Shopify's own duties collection charges these; they are shown but never folded into a Waypost rate", said: say("landedCost:engine.shopifyCollects") });
  }
  return result;
}

/**
 * The DAP result of a shipment from its DDP result, without computing again: the two differ only in who pays
 * what the border collects (checkout for DDP, the buyer on delivery for DAP) — the same lines, amounts, de
 * minimis decisions, conversions and fees (fees apply when anything is collected at the border, whoever pays).
 * Lines Shopify collects or that are collected at sale keep their payer. Equal to
 * computeLandedCost(shipment, settings, "DAP") (engine-dap.test.ts checks it over destinations and settings).
 */
export function dapFromDdp(ddp: LandedCostResult): LandedCostResult {
  if (ddp.incoterm !== "DDP") throw new Error("dapFromDdp needs a DDP result");
  return {
    ...ddp,
    incoterm: "DAP",
    lines: ddp.lines.map((l) => (l.payer === "checkout" ? { ...l, payer: "delivery" } : l)),
    deMinimis: [...ddp.deMinimis],
    conversions: [...ddp.conversions],
    messages: [...ddp.messages],
    totals: { ...ddp.totals, addToRate: 0, dueOnDelivery: ddp.totals.dueOnDelivery + ddp.totals.addToRate },
  };
}
