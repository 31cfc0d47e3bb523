// `npm run bench:usps`: a simulated day of checkouts against the fake USPS with a 60-calls-per-hour quota.
// The clock is simulated (shared by the connector and the fake), so a day runs in seconds. Reports calls made,
// 429s received (goal 0), the share of answers that were live / cached / learned / fallback, and the price
// error of non-live answers against what the fake would have said. Destinations and carts follow a Zipf-like
// spread: a few popular ZIPs and carts, a long tail of one-offs.
import { AddressSchema } from "~/domain/address";
import { uspsConnector } from "~/carriers/usps/index.server";
import { memoryPriceMemory } from "~/carriers/usps/price-memory";
import { memoryQuotaStore } from "~/carriers/usps/quota";
import { gramsToUspsPounds, sortedInches } from "~/carriers/usps/units";
import { fakeDimWeight, fakeDomesticZone, fakeInternationalZone, fakePrice, nonstandardFee, startUspsFake } from "../tests/fakes/usps";

const REQUESTS = Number(process.env.BENCH_USPS_REQUESTS ?? 3000);
const QUOTA = Number(process.env.BENCH_USPS_QUOTA ?? 60);
const DAY_MS = 86_400_000;

// Deterministic PRNG so runs compare.
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
/** Index in [0, n) with P(i) ∝ 1/(i+1)^s. */
function zipf(n: number, s = 1.1): number {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
  let r = rand() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) if ((r -= weights[i]) <= 0) return i;
  return n - 1;
}

const zips = Array.from({ length: 1500 }, (_, i) => String(10_000 + ((i * 7919) % 89_000)).padStart(5, "0"));
const foreign = [
  { country: "CA", postalCode: "K1A 0B1" },
  { country: "GB", postalCode: "SW1A 1AA" },
  { country: "DE", postalCode: "10115" },
  { country: "AU", postalCode: "2000" },
  { country: "JP", postalCode: "100-0001" },
];
const carts = Array.from({ length: 40 }, (_, i) => ({
  grams: Math.round(150 + ((i * 977) % 9000)),
  dimensionsMm: { l: 150 + ((i * 37) % 400), w: 100 + ((i * 53) % 250), h: 50 + ((i * 29) % 200) },
}));

function truthCents(mailClass: string, zone: string, pkg: (typeof carts)[number], domestic: boolean): number {
  const d = sortedInches(pkg.dimensionsMm);
  const billed = Math.max(gramsToUspsPounds(pkg.grams), fakeDimWeight(d.length, d.width, d.height));
  return Math.round((fakePrice(mailClass, zone, billed) + (domestic ? nonstandardFee(d.length) : 0)) * 100);
}

async function main() {
  let clock = Date.parse("2026-12-01T00:00:00Z");
  const start = clock;
  const fake = await startUspsFake({ now: () => clock, quotaPerHour: QUOTA });
  const source = uspsConnector.createSource(
    { id: "bench", shop: "bench.myshopify.com", mode: "test", settings: { mode: "test", publishedPriceType: "COMMERCIAL", allowMediaMail: false, allowLibraryMail: false, hourlyQuota: QUOTA }, secrets: { consumerKey: fake.state.clientId, consumerSecret: fake.state.clientSecret }, saveSecrets: async () => {} },
    { fetch, now: () => clock, baseUrl: fake.url, quotaStore: memoryQuotaStore(), priceMemory: memoryPriceMemory(), timeoutMs: 2000 } as Parameters<typeof uspsConnector.createSource>[1],
    { services: [] },
  );
  // Checkout traffic peaks in the day: arrival times drawn from a two-hump density over 24 h.
  const times = Array.from({ length: REQUESTS }, () => {
    const hour = rand() < 0.7 ? 9 + rand() * 12 : rand() * 24;
    return start + Math.floor(hour * 3_600_000);
  }).sort((a, b) => a - b);

  const shares = { live: 0, cached: 0, learned: 0, stale: 0, fallback: 0 };
  const errors: number[] = [];
  for (const t of times) {
    clock = t;
    const intl = rand() < 0.15;
    const dest = intl ? foreign[zipf(foreign.length)] : { country: "US", postalCode: zips[zipf(zips.length)] };
    const pkg = carts[zipf(carts.length)];
    const r = await source.rate(
      {
        shop: "bench.myshopify.com",
        origin: AddressSchema.parse({ country: "US", postalCode: "22407" }),
        destination: AddressSchema.parse(dest),
        packages: [{ ...pkg, billableGrams: pkg.grams }],
        services: [],
        currency: "USD",
        subtotal: { amount: 5000, currency: "USD" },
      },
      { signal: new AbortController().signal },
    );
    const codes = new Set(r.messages.map((m) => m.code));
    const kind = r.quotes.length === 0 ? "fallback" : codes.has("usps_not_live_learned") ? "learned" : codes.has("usps_not_live_cached") ? "stale" : codes.has("usps_cached") ? "cached" : "live";
    shares[kind]++;
    if (kind !== "live" && kind !== "fallback") {
      const zone = intl ? fakeInternationalZone(dest.country) : fakeDomesticZone("22407", dest.postalCode);
      for (const q of r.quotes) {
        const truth = truthCents(q.serviceCode, zone, pkg, !intl);
        errors.push(Math.abs(q.price.amount - truth) / truth);
      }
    }
  }
  clock = start + DAY_MS;
  await fake.close();
  const pct = (n: number) => `${((100 * n) / REQUESTS).toFixed(1)}%`;
  const report = {
    requests: REQUESTS,
    quotaPerHour: QUOTA,
    callsMade: fake.state.tokenCalls + fake.state.priceCalls,
    tokenCalls: fake.state.tokenCalls,
    priceCalls: fake.state.priceCalls,
    received429: fake.state.rejected429,
    invalidBodies: fake.state.invalidBodies.length,
    shares: Object.fromEntries(Object.entries(shares).map(([k, v]) => [k, pct(v)])),
    nonLivePriceError: errors.length
      ? { quotes: errors.length, mean: `${((100 * errors.reduce((a, b) => a + b, 0)) / errors.length).toFixed(2)}%`, max: `${(100 * Math.max(...errors)).toFixed(2)}%` }
      : null,
  };
  console.log(JSON.stringify(report, null, 2));
  if (report.received429 > 0 || report.invalidBodies > 0) process.exitCode = 1;
}

await main();
