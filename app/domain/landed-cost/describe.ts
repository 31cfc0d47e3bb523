// The one-line rate description the carrier-service callback shows under a DDP or DAP rate.
//   DDP: "Includes duties €4.20 · import VAT €21.30 · fees €3.00"
//   DAP: "Est. due on delivery: duties €4.20 · import VAT €21.30 · fees €3.00"
// Zero parts are hidden; an incomplete estimate says so rather than showing a low figure as if it were whole.
import { fmt } from "./format";
import type { LandedCostLine, LandedCostResult } from "./model";

export type RateDescription = { text: string; parts: Array<{ label: string; amount: number }> };

const taxName = (l: LandedCostLine) => {
  const name = /^(.*?)(?:,| on shipping| collected at sale)/.exec(l.label)?.[1] ?? l.label;
  return /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
};

export function describeLandedCost(result: LandedCostResult): RateDescription {
  const payer = result.incoterm === "DDP" ? "checkout" : "delivery";
  const sums = new Map<string, number>();
  const add = (label: string, amount: number) => sums.set(label, (sums.get(label) ?? 0) + amount);
  for (const l of result.lines) {
    if (l.payer !== payer) continue;
    if (l.kind === "duty") add("duties", l.amount);
    else if (l.kind === "charge") add("duties and taxes", l.amount);
    else if (l.kind === "tax") add(taxName(l), l.amount);
  }
  const fees = result.lines.filter((l) => l.payer === payer && l.kind === "fee").reduce((a, l) => a + l.amount, 0);
  if (fees > 0) add("fees", fees);
  const parts = [...sums].filter(([, amount]) => amount > 0).map(([label, amount]) => ({ label, amount }));
  const list = parts.map((p) => `${p.label} ${fmt(p.amount, result.currency)}`).join(" · ");
  const notes: string[] = [];
  if (!result.complete) notes.push("estimate incomplete");
  if (result.totals.chargedByShopify > 0) notes.push("duties charged separately by Shopify");
  if (result.totals.collectedAtSale > 0) notes.push("tax collected with the order");
  const suffix = notes.length ? ` (${notes.join("; ")})` : "";
  let text: string;
  if (result.incoterm === "DDP") text = parts.length ? `Includes ${list}${suffix}` : `No duties or import taxes to pay${suffix}`;
  else text = parts.length ? `Est. due on delivery: ${list}${suffix}` : `Nothing due on delivery${suffix}`;
  return { text, parts };
}
