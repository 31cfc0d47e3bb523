// What the checkout UI extension shows under a Waypost rate: the landed-cost breakdown and delivery promise that
// the carrier-service callback computed for it. The callback writes one entry per (shop, cart, service code); the
// extension's backend route reads it back. Keys are a fingerprint of the cart (destination country + variant ids
// and quantities) because the extension cannot see the callback's request, only the same cart.
import crypto from "node:crypto";
import { fromShopifySubunits, type Money, minorToDecimalString } from "~/domain/money";
import type { LandedCostLine } from "~/domain/landed-cost";
import { logger } from "~/lib/logger.server";
import type { ShopifyRate } from "~/shopify/rate-callback.schema";
import type { LandedCostTrace } from "../rating/landed-cost";

export type ChargeKind = "duty" | "tax" | "fee";
/** Who pays a charge and when: folded into the rate (DDP) or collected by the carrier on delivery (DAP). */
export type Payable = "prepaid" | "on_delivery";

export interface RateCharge {
  kind: ChargeKind;
  /** Integer minor units of the entry's currency. */
  amount: number;
  payable: Payable;
}

/** What the rate callback stores for one rate it answered. Money in the shop's currency, minor units. */
export interface RateDetails {
  serviceCode: string;
  incoterm: "DDP" | "DAP" | null;
  currency: string;
  /** The rate's price as answered to Shopify (total_price), so the extension can tell a stale entry. */
  rateTotal: number;
  charges: RateCharge[];
  /** True when a charge came from the built-in estimate rather than a live landed-cost source. */
  estimate: boolean;
  /** Local dates (YYYY-MM-DD) of the delivery promise, as sent in min/max_delivery_date. */
  delivery: { earliest: string; latest: string } | null;
  computedAt: Date;
}

export interface RateDetailsStore {
  get(shop: string, cartKey: string, serviceCode: string): Promise<RateDetails | undefined>;
  /** Every live entry for the cart, newest first (order-status pages do not know the chosen code). */
  list(shop: string, cartKey: string): Promise<RateDetails[]>;
  /** Stores each answered rate's entry for the cart (one call per answer, not per rate). */
  put(shop: string, cartKey: string, ...details: RateDetails[]): Promise<void>;
}

export interface CartLineRef {
  /** Numeric id or gid://shopify/ProductVariant/<id>; the callback sends the number, the extension the gid. */
  variantId: string | number;
  quantity: number;
}

/**
 * The cart fingerprint both sides compute: destination country plus variant ids and quantities, merged and
 * sorted. Prices are left out on purpose (the callback is in the shop's currency, the extension sees the
 * buyer's); the stored rate total guards against a changed price.
 */
export function cartKey(country: string, lines: readonly CartLineRef[]): string {
  const quantities = new Map<string, number>();
  for (const line of lines) {
    const id = typeof line.variantId === "number" ? String(line.variantId) : line.variantId.replace(/^gid:\/\/shopify\/ProductVariant\//, "");
    quantities.set(id, (quantities.get(id) ?? 0) + line.quantity);
  }
  const parts = [...quantities].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, q]) => `${id}x${q}`);
  return crypto.createHash("sha256").update(`${country.toUpperCase()}|${parts.join(",")}`).digest("base64url");
}

export interface MemoryRateDetailsStoreOptions {
  /** How long an entry lives; thank-you pages come minutes after the rate request. */
  ttlMs?: number;
  /** Most entries kept; the oldest written goes first. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * One process's store: TTL plus a bound on entries (insertion order = eviction order). Entries are also indexed by
 * cart, so listing a cart's entries reads only that cart's, not every entry of every shop.
 */
export class MemoryRateDetailsStore implements RateDetailsStore {
  private readonly entries = new Map<string, { details: RateDetails; expiresAt: number; cart: string }>();
  private readonly byCart = new Map<string, Set<string>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor({ ttlMs = 2 * 60 * 60 * 1000, maxEntries = 20_000, now = Date.now }: MemoryRateDetailsStoreOptions = {}) {
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
    this.now = now;
  }

  get size() {
    return this.entries.size;
  }

  async get(shop: string, key: string, serviceCode: string) {
    return this.live(entryKey(cartOf(shop, key), serviceCode));
  }

  async list(shop: string, key: string) {
    const found: RateDetails[] = [];
    for (const k of [...(this.byCart.get(cartOf(shop, key)) ?? [])]) {
      const details = this.live(k);
      if (details) found.push(details);
    }
    return found.sort((a, b) => b.computedAt.getTime() - a.computedAt.getTime());
  }

  async put(shop: string, key: string, ...all: RateDetails[]) {
    const cart = cartOf(shop, key);
    const expiresAt = this.now() + this.ttlMs;
    for (const details of all) {
      const k = entryKey(cart, details.serviceCode);
      this.entries.delete(k); // re-insert so a rewrite counts as newest
      this.entries.set(k, { details, expiresAt, cart });
      let keys = this.byCart.get(cart);
      if (!keys) this.byCart.set(cart, (keys = new Set()));
      keys.add(k);
    }
    while (this.entries.size > this.maxEntries) this.forget(this.entries.keys().next().value as string);
  }

  private live(k: string) {
    const entry = this.entries.get(k);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.forget(k);
      return undefined;
    }
    return entry.details;
  }

  private forget(k: string) {
    const entry = this.entries.get(k);
    if (!entry) return;
    this.entries.delete(k);
    const keys = this.byCart.get(entry.cart);
    keys?.delete(k);
    if (keys?.size === 0) this.byCart.delete(entry.cart);
  }
}

const cartOf = (shop: string, key: string) => `${shop}\u0000${key}`;
const entryKey = (cart: string, serviceCode: string) => `${cart}\u0000${serviceCode}`;

// ---- the writer: the rate callback, once per answered rate ---------------------------------------------------

interface AnsweredRequest {
  destination: { country: string };
  items: readonly { variant_id?: string | number | null; quantity: number }[];
}

const CHARGE_KIND: Record<LandedCostLine["kind"], ChargeKind> = { duty: "duty", charge: "duty", tax: "tax", fee: "fee" };

/** The stored entry for one answered rate, or null when there is nothing to show (no breakdown, no dates). */
export function rateDetailsFor(rate: ShopifyRate, landed: LandedCostTrace | undefined, computedAt: Date): RateDetails | null {
  const delivery = rate.min_delivery_date && rate.max_delivery_date ? { earliest: rate.min_delivery_date.slice(0, 10), latest: rate.max_delivery_date.slice(0, 10) } : null;
  // An incomplete estimate is never shown as a breakdown: the extension would present a lower bound as the total.
  const breakdown = landed?.shown && landed.result.complete ? landed : undefined;
  if (!breakdown && !delivery) return null;
  const payer = breakdown?.incoterm === "DDP" ? "checkout" : "delivery";
  const charges: RateCharge[] = (breakdown?.result.lines ?? [])
    .filter((l) => l.payer === payer && l.amount > 0)
    .map((l) => ({ kind: CHARGE_KIND[l.kind], amount: l.amount, payable: payer === "checkout" ? "prepaid" : "on_delivery" }));
  return {
    serviceCode: rate.service_code,
    incoterm: breakdown?.incoterm ?? null,
    currency: rate.currency,
    rateTotal: fromShopifySubunits(rate.total_price, rate.currency).amount,
    charges,
    // False when a live landed-cost source (UPS) priced it; the built-in engine is an estimate.
    estimate: breakdown ? breakdown.estimate : true,
    delivery,
    computedAt,
  };
}

/** Writes every answered rate's details under the cart's key; failures are logged, never thrown into checkout. */
export function rememberRateDetails(
  store: RateDetailsStore,
  shop: string,
  request: AnsweredRequest,
  answered: { rates: readonly ShopifyRate[]; trace: { landedCost: readonly LandedCostTrace[] } },
  computedAt: Date,
): void {
  if (answered.rates.length === 0 || request.items.some((i) => i.variant_id === undefined || i.variant_id === null)) return;
  const key = cartKey(request.destination.country, request.items.map((i) => ({ variantId: i.variant_id!, quantity: i.quantity })));
  const byCode = new Map(answered.trace.landedCost.map((l) => [l.code, l]));
  const all: RateDetails[] = [];
  for (const rate of answered.rates) {
    const details = rateDetailsFor(rate, byCode.get(rate.service_code), computedAt);
    if (details) all.push(details);
  }
  if (all.length > 0) store.put(shop, key, ...all).catch((error: unknown) => logger.warn("rate details not stored", { shop, error: String(error) }));
}

// ---- the wire shape the extension reads --------------------------------------------------------------------

/** Money as Shopify's extension APIs spell it: a decimal string and an ISO currency code. */
export interface WireMoney {
  amount: string;
  currencyCode: string;
}

export interface WireRateDetails {
  code: string;
  incoterm: "DDP" | "DAP" | null;
  rateTotal: WireMoney;
  charges: { kind: ChargeKind; amount: WireMoney; payable: Payable }[];
  prepaid: WireMoney;
  dueOnDelivery: WireMoney;
  estimate: boolean;
  delivery: { earliest: string; latest: string } | null;
  computedAt: string;
}

const wire = (m: Money): WireMoney => ({ amount: minorToDecimalString(m.amount, m.currency), currencyCode: m.currency });

export function toWire(d: RateDetails): WireRateDetails {
  const sum = (payable: Payable) => d.charges.filter((c) => c.payable === payable).reduce((total, c) => total + c.amount, 0);
  return {
    code: d.serviceCode,
    incoterm: d.incoterm,
    rateTotal: wire({ amount: d.rateTotal, currency: d.currency }),
    charges: d.charges.map((c) => ({ kind: c.kind, payable: c.payable, amount: wire({ amount: c.amount, currency: d.currency }) })),
    prepaid: wire({ amount: sum("prepaid"), currency: d.currency }),
    dueOnDelivery: wire({ amount: sum("on_delivery"), currency: d.currency }),
    estimate: d.estimate,
    delivery: d.delivery,
    computedAt: d.computedAt.toISOString(),
  };
}

export interface RateDetailsQuery {
  shop: string;
  country: string;
  lines: CartLineRef[];
  code?: string;
}

/** The route's one service call: the entry for that rate, or every entry for the cart when no code is known. */
export async function findRateDetails(q: RateDetailsQuery, from: RateDetailsStore): Promise<WireRateDetails[]> {
  const key = cartKey(q.country, q.lines);
  if (q.code !== undefined) {
    const one = await from.get(q.shop, key, q.code);
    return one ? [toWire(one)] : [];
  }
  return (await from.list(q.shop, key)).map(toWire);
}
