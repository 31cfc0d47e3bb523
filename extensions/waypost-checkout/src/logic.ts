// Pure decisions: what to ask Waypost's backend and what, if anything, to show from its answer. Every doubt ends
// in "show nothing": a missing breakdown costs the buyer nothing, a wrong one costs the merchant a refused parcel.

/** Money as the extension APIs and our backend spell it. */
export interface Money {
  amount: number;
  currencyCode: string;
}
interface WireMoney {
  amount: string;
  currencyCode: string;
}
export type ChargeKind = "duty" | "tax" | "fee";
export type Payable = "prepaid" | "on_delivery";

/** One entry of the backend's answer (app/services/checkout/rate-details.server.ts, WireRateDetails). */
export interface RateDetails {
  code: string;
  incoterm: "DDP" | "DAP" | null;
  rateTotal: Money;
  charges: { kind: ChargeKind; amount: Money; payable: Payable }[];
  prepaid: Money;
  dueOnDelivery: Money;
  estimate: boolean;
  delivery: { earliest: string; latest: string } | null;
}

export const MAX_LINES = 250;
const KINDS: readonly ChargeKind[] = ["duty", "tax", "fee"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---- the request --------------------------------------------------------------------------------------------

export interface CartLineLike {
  merchandise: { id: string };
  quantity: number;
}

export interface RequestBody {
  country: string;
  lines: { variantId: string; quantity: number }[];
  code?: string;
}

/** The body for POST /api/checkout/rate-details, or null when the cart cannot be described (then no call). */
export function requestBody(country: string | undefined, lines: readonly CartLineLike[], code?: string): RequestBody | null {
  if (!country || !/^[A-Z]{2}$/i.test(country)) return null;
  const variants = lines.filter((l) => /^gid:\/\/shopify\/ProductVariant\/\d+$/.test(l.merchandise.id) && l.quantity > 0);
  if (variants.length === 0 || variants.length !== lines.length || variants.length > MAX_LINES) return null;
  const body: RequestBody = { country: country.toUpperCase(), lines: variants.map((l) => ({ variantId: l.merchandise.id, quantity: l.quantity })) };
  if (code !== undefined) {
    if (code.length === 0 || code.length > 128) return null;
    body.code = code;
  }
  return body;
}

// ---- reading the answer -------------------------------------------------------------------------------------

function money(value: unknown): Money | null {
  const m = value as WireMoney | null;
  if (!m || typeof m.amount !== "string" || !/^\d{1,12}(\.\d{1,3})?$/.test(m.amount)) return null;
  if (typeof m.currencyCode !== "string" || !/^[A-Z]{3}$/.test(m.currencyCode)) return null;
  return { amount: Number(m.amount), currencyCode: m.currencyCode };
}

function entry(value: unknown): RateDetails | null {
  const e = value as Record<string, unknown> | null;
  if (!e || typeof e !== "object" || typeof e.code !== "string") return null;
  const rateTotal = money(e.rateTotal);
  const prepaid = money(e.prepaid);
  const dueOnDelivery = money(e.dueOnDelivery);
  if (!rateTotal || !prepaid || !dueOnDelivery || !Array.isArray(e.charges)) return null;
  const charges: RateDetails["charges"] = [];
  for (const raw of e.charges as Record<string, unknown>[]) {
    const amount = money(raw?.amount);
    if (!amount || !KINDS.includes(raw.kind as ChargeKind) || (raw.payable !== "prepaid" && raw.payable !== "on_delivery")) return null;
    charges.push({ kind: raw.kind as ChargeKind, amount, payable: raw.payable });
  }
  const currencies = new Set([rateTotal, prepaid, dueOnDelivery, ...charges.map((c) => c.amount)].map((m) => m.currencyCode));
  if (currencies.size !== 1) return null;
  const incoterm = e.incoterm === "DDP" || e.incoterm === "DAP" ? e.incoterm : null;
  const d = e.delivery as { earliest?: unknown; latest?: unknown } | null;
  const delivery =
    d && typeof d.earliest === "string" && typeof d.latest === "string" && DATE.test(d.earliest) && DATE.test(d.latest) && d.earliest <= d.latest
      ? { earliest: d.earliest, latest: d.latest }
      : null;
  return { code: e.code, incoterm, rateTotal, charges, prepaid, dueOnDelivery, estimate: e.estimate === true, delivery };
}

/** The backend's JSON, checked field by field; anything malformed is null (show nothing), never a guess. */
export function parseAnswer(json: unknown): RateDetails[] | null {
  const rates = (json as { rates?: unknown } | null)?.rates;
  if (!Array.isArray(rates) || rates.length > 50) return null;
  const parsed = rates.map(entry);
  return parsed.every((e): e is RateDetails => e !== null) ? parsed : null;
}

const sameMoney = (a: Money, b: Money) => a.currencyCode === b.currencyCode && Math.abs(a.amount - b.amount) < 0.0005;

// ---- under a shipping option --------------------------------------------------------------------------------

export interface ShippingOptionLike {
  type?: string;
  code: string;
  cost: Money;
}

export interface OptionView {
  /** "included": the rate's price includes these (DDP); "due": they are collected on delivery (DAP). */
  mode: "included" | "due";
  rows: { kind: ChargeKind; amount: Money }[];
  estimate: boolean;
  delivery: { earliest: string; latest: string } | null;
}

/** Whether an option is worth asking about: shipping options with a code (pickup and local have none of ours). */
export function asksBackend(option: ShippingOptionLike | undefined): option is ShippingOptionLike {
  return !!option && (option.type === undefined || option.type === "shipping") && option.code.length > 0 && option.code.length <= 128;
}

/**
 * What to show under one option. Null unless the answer has an entry for this code whose stored rate price is
 * exactly the price the buyer sees, in the same currency (a different price means a stale entry; a different
 * currency means Shopify converted it and our amounts would be in the wrong money).
 */
export function optionView(option: ShippingOptionLike, answer: readonly RateDetails[] | null): OptionView | null {
  const found = answer?.find((e) => e.code === option.code);
  if (!found || !sameMoney(found.rateTotal, option.cost)) return null;
  const payable: Payable = found.incoterm === "DAP" ? "on_delivery" : "prepaid";
  if (found.charges.some((c) => c.payable !== payable)) return null; // mixed: not a breakdown we can phrase in one line
  const rows = KINDS.map((kind) => ({
    kind,
    amount: { amount: round(found.charges.filter((c) => c.kind === kind).reduce((t, c) => t + c.amount.amount, 0)), currencyCode: found.rateTotal.currencyCode },
  })).filter((r) => r.amount.amount > 0);
  if (rows.length === 0 && !found.delivery) return null;
  return { mode: payable === "prepaid" ? "included" : "due", rows, estimate: found.estimate, delivery: found.delivery };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

// ---- after purchase (thank-you and order status) ------------------------------------------------------------

export interface SummaryView {
  prepaid: Money | null;
  dueOnDelivery: Money | null;
  estimate: boolean;
}

/**
 * What was prepaid and what is due on delivery. The entry is chosen by the selected option's code when known
 * (thank-you), else as the only entry whose price equals the order's shipping (order status); ambiguity → null.
 */
export function summaryView(answer: readonly RateDetails[] | null, { code, shipping }: { code?: string; shipping?: Money }): SummaryView | null {
  if (!answer) return null;
  let found: RateDetails | undefined;
  if (!shipping) return null; // without the order's shipping price a stale entry cannot be told apart
  if (code !== undefined) {
    found = answer.find((e) => e.code === code);
    if (found && !sameMoney(found.rateTotal, shipping)) return null;
  } else {
    const matches = answer.filter((e) => sameMoney(e.rateTotal, shipping));
    found = matches.length === 1 ? matches[0] : undefined;
  }
  if (!found) return null;
  const prepaid = found.prepaid.amount > 0 ? found.prepaid : null;
  const dueOnDelivery = found.dueOnDelivery.amount > 0 ? found.dueOnDelivery : null;
  if (!prepaid && !dueOnDelivery) return null;
  return { prepaid, dueOnDelivery, estimate: found.estimate };
}

/** The thank-you page's chosen shipping option code: only for a single delivery group with a shipping choice. */
export function selectedCode(
  groups: readonly { selectedDeliveryOption?: { handle: string }; deliveryOptions: readonly { handle: string; type?: string; code?: string }[] }[],
): string | undefined {
  if (groups.length !== 1) return undefined;
  const handle = groups[0].selectedDeliveryOption?.handle;
  const option = groups[0].deliveryOptions.find((o) => o.handle === handle);
  return option && option.type === "shipping" && option.code ? option.code : undefined;
}

/** "2026-12-04" as a local calendar date (not UTC midnight, which shows the day before west of Greenwich). */
export function localDate(isoDate: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(y, m - 1, d);
}
