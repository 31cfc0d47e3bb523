// Rate-request bodies for the benchmark, deterministic by seed. A realistic mix: 60% US, 15% Canada, 15% EU,
// 10% Brazil; 1–20 items per cart. Cart `seed` always produces the same bytes, so a repeated seed is a repeated
// cart (an answer-cache hit) and a fresh seed is a cart never seen before.
import crypto from "node:crypto";

export const BENCH_SHOP = "waypost-bench.myshopify.com";
export const BENCH_SECRET = "bench-secret";

/** How carts are drawn: every cart new; 80% from a pool of 200 repeated carts; every cart from that pool. */
export type CartMix = "distinct" | "repeat80" | "repeat100";

const destinations = [
  ...Array(12).fill(0).map((_, i) => ({ country: "US", province: ["CA", "NY", "TX", "WA"][i % 4], postal_code: String(10000 + i * 7919).padStart(5, "0") })),
  { country: "US", province: "AK", postal_code: "99501" },
  { country: "CA", province: "ON", postal_code: "K2P 1L4" },
  { country: "CA", province: "BC", postal_code: "V6B 1A1" },
  { country: "CA", province: "QC", postal_code: "H2X 1Y4" },
  { country: "DE", province: null, postal_code: "10115" },
  { country: "FR", province: null, postal_code: "75001" },
  { country: "NL", province: null, postal_code: "1012 AB" },
  { country: "BR", province: "SP", postal_code: "01310-100" },
  { country: "BR", province: "RJ", postal_code: "20040-002" },
];

export function cart(seed: number, variants = 1000) {
  const rnd = mulberry32(seed);
  const destination = destinations[Math.floor(rnd() * destinations.length)];
  const items = Array.from({ length: 1 + Math.floor(rnd() * 20) }, () => {
    const v = Math.floor(rnd() * variants);
    return {
      name: `Item ${v}`, sku: `SKU-${v}`, quantity: 1 + Math.floor(rnd() * 3), grams: 50 + Math.floor(rnd() * 1500),
      price: 500 + Math.floor(rnd() * 5000), vendor: "Bench", requires_shipping: true, taxable: true, fulfillment_service: "manual",
      properties: null, product_id: 1000 + v, variant_id: 2000 + v,
    };
  });
  return { rate: { origin: { country: "US", postal_code: "10001", province: "NY", city: "New York" }, destination: { ...destination, city: "X", address1: "1 Main St" }, items, currency: "USD", locale: "en" } };
}

export interface BenchRequest {
  body: string;
  headers: Record<string, string>;
}

export function signed(body: string): BenchRequest {
  const hmac = crypto.createHmac("sha256", BENCH_SECRET).update(body).digest("base64");
  return {
    body,
    headers: { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)), "X-Shopify-Hmac-Sha256": hmac, "X-Shopify-Shop-Domain": BENCH_SHOP, "X-Shopify-Timeout": "5000" },
  };
}

/**
 * A request source. Distinct seeds start at `uniqueBase`, which the caller moves on between rounds and between
 * processes so that a "distinct" cart is never repeated anywhere in a run.
 */
export function requestSource(mix: CartMix, uniqueBase: number): () => BenchRequest {
  const pool = Array.from({ length: 200 }, (_, i) => signed(JSON.stringify(cart(i + 1))));
  let n = 0;
  let unique = uniqueBase;
  return () => {
    n++;
    if (mix === "repeat100" || (mix === "repeat80" && n % 5 !== 0)) return pool[(n * 7) % pool.length];
    return signed(JSON.stringify(cart(unique++)));
  };
}

function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
