// The USPS rate source: cache first, then a live call if the quota allows, else the best remembered price
// marked "not live". Never throws across rate(): every failure is a message.
import type { CarrierMessage, RateRequest, RateResult, RateSource } from "../carrier";
import type { CarrierConnectionContext, CarrierConnector } from "../connector";
import { openUspsConnection, type UspsDeps } from "./connection.server";
import { toCarrierMessage, problemFromTransport, type UspsProblem } from "./errors";
import type { UspsPackageFacts } from "./package-facts";
import { priceMemoryFor, type PriceKeyParts } from "./price-memory";
import {
  DOMESTIC_TOTAL_RATES_PATH,
  INTERNATIONAL_TOTAL_RATES_PATH,
  domesticTotalRatesQuery,
  internationalTotalRatesQuery,
  isDomestic,
  mailingDateFor,
  priceKeyParts,
  priceTerms,
  wantedMailClasses,
} from "./price-request";
import { parseTotalRates, pickPrices, toRateResult, type UspsPrice } from "./price-response";
import { quotaSnapshot, type QuotaSnapshot } from "./quota";
import { USPS_SERVICES } from "./services";
import { createUspsLabelProvider } from "./labels/provider.server";
import { UspsSecretsSchema, UspsSettingsSchema, type UspsSecrets, type UspsSettings } from "./settings";

import { uspsAdmin } from "./admin.server";
export { DOMESTIC_TOTAL_RATES_PATH, INTERNATIONAL_TOTAL_RATES_PATH } from "./price-request";
export { readUspsQuota, type UspsDeps } from "./connection.server";
export { verifyUspsConnection } from "./verify.server";

interface PackagePlan {
  facts: UspsPackageFacts;
  body: unknown;
  keys: Map<string, PriceKeyParts>;
}

function createUspsSource(connection: CarrierConnectionContext<UspsSettings, UspsSecrets> | null, deps: UspsDeps): RateSource {
  const opened = openUspsConnection(connection, deps);
  if (!opened.ok) {
    const problem = opened.problem;
    return { id: "usps", rate: async () => ({ quotes: [], messages: [toCarrierMessage(problem)] }) };
  }
  const { settings: s, client, quotaStore, quotaKey, policy } = opened.value;
  const memory = priceMemoryFor(deps);

  return {
    id: "usps",
    async rate(req: RateRequest, { signal }): Promise<RateResult> {
      try {
        return await rateWith(req, signal);
      } catch (e) {
        // Defensive: a bug here must still be a message, not a failed checkout.
        return { quotes: [], messages: [toCarrierMessage(problemFromTransport("malformed", e instanceof Error ? e.message : String(e)))] };
      }
    },
  };

  async function rateWith(req: RateRequest, signal: AbortSignal): Promise<RateResult> {
    const wanted = wantedMailClasses(req, s).map((x) => x.code);
    if (wanted.length === 0) return { quotes: [], messages: [] };
    const now = deps.now();
    const terms = priceTerms(s);
    const date = mailingDateFor(now);
    const domestic = isDomestic(req.destination.country);
    const plans: PackagePlan[] = [];
    for (const pkg of req.packages) {
      const built = domestic
        ? domesticTotalRatesQuery(req, pkg, wanted, terms, date)
        : internationalTotalRatesQuery(req, pkg, wanted, terms, date);
      if (!built.ok) return { quotes: [], messages: [toCarrierMessage(built.problem)] };
      plans.push({ facts: built.facts, body: built.body, keys: new Map(wanted.map((m) => [m, priceKeyParts(built.body, m, built.facts, terms)])) });
    }

    const perPackage: Map<string, UspsPrice>[] = [];
    const messages: CarrierMessage[] = [];
    const sources = new Set<string>();
    let cachedSince = now;
    let spent = false;
    for (const plan of plans) {
      const fresh = await freshFromMemory(plan, wanted, now);
      if (fresh) {
        cachedSince = Math.min(cachedSince, fresh.oldest);
        perPackage.push(fresh.prices);
        sources.add("cached");
        continue;
      }
      spent = true;
      const r = await client.postJson(domestic ? DOMESTIC_TOTAL_RATES_PATH : INTERNATIONAL_TOTAL_RATES_PATH, plan.body, signal);
      const live = r.ok ? parseTotalRates(r.body) : null;
      if (live && live.ok) {
        const prices = pickPrices(live.value.rateOptions, wanted, plan.facts);
        for (const [m, p] of prices) await memory.put(plan.keys.get(m)!, p, now, p.endDate);
        for (const m of wanted) {
          if (prices.has(m)) continue;
          // Remember the absence too: otherwise a class USPS never offers here would force a live call every time.
          await memory.put(plan.keys.get(m)!, null, now);
          messages.push(toCarrierMessage({ action: "not_quotable", code: "no_price", message: `USPS offered no ${m} price for this parcel` }, m));
        }
        perPackage.push(prices);
        sources.add("live");
        continue;
      }
      const problem: UspsProblem = r.ok ? problemFromTransport("malformed", live && !live.ok ? live.detail : undefined) : r.problem;
      const remembered = await fromMemory(plan, wanted, now);
      messages.push(toCarrierMessage(problem));
      if (remembered.prices.size === 0) return { quotes: [], messages };
      perPackage.push(remembered.prices);
      sources.add("estimated");
      const learned = remembered.sources.has("learned");
      const age = ago(now - remembered.oldest);
      messages.push({
        level: "warning",
        // The code names the weakest source used, so traces and the quote log can count live/cached/learned.
        code: learned ? "usps_not_live_learned" : "usps_not_live_cached",
        message: learned
          ? `not live: ${problem.message}; answered with USPS prices learned ${age} for the same zone and weight`
          : `not live: ${problem.message}; answered with USPS prices cached ${age} for this address and parcel`,
      });
    }
    const result = toRateResult(perPackage, wanted, req.currency);
    if (sources.has("cached") && !sources.has("estimated")) {
      result.messages.push({ level: "warning", code: "usps_cached", message: `not live: cached ${ago(now - cachedSince)}, USPS prices seen live for the same address and parcel and still valid` });
    }
    // When this answer asked for a permit, say what is left, so "Test your shipping" shows the budget.
    if (spent) messages.push(quotaMessage(quotaSnapshot(await quotaStore.read(quotaKey), deps.now(), policy)));
    return { quotes: result.quotes, messages: [...messages, ...result.messages] };
  }

  async function freshFromMemory(plan: PackagePlan, wanted: string[], now: number): Promise<{ prices: Map<string, UspsPrice>; oldest: number } | null> {
    const prices = new Map<string, UspsPrice>();
    let oldest = now;
    for (const m of wanted) {
      const hit = await memory.get(plan.keys.get(m)!, now);
      if (!hit || hit.source !== "cached" || !hit.fresh) return null;
      if (hit.price) prices.set(m, hit.price);
      oldest = Math.min(oldest, hit.observedAt);
    }
    return { prices, oldest };
  }

  async function fromMemory(plan: PackagePlan, wanted: string[], now: number): Promise<{ prices: Map<string, UspsPrice>; sources: Set<string>; oldest: number }> {
    const prices = new Map<string, UspsPrice>();
    const sources = new Set<string>();
    let oldest = now;
    for (const m of wanted) {
      const hit = await memory.get(plan.keys.get(m)!, now);
      if (hit?.price) {
        prices.set(m, hit.price);
        sources.add(hit.source);
        oldest = Math.min(oldest, hit.observedAt);
      }
    }
    return { prices, sources, oldest };
  }
}

const quotaMessage = (q: QuotaSnapshot): CarrierMessage => ({
  level: "warning",
  code: "usps_quota",
  message: `USPS quota: ${q.remaining} of ${q.limit} calls left this hour${q.blockedUntil ? `; paused by USPS until ${new Date(q.blockedUntil).toISOString()}` : ""}`,
});

/** "12 min ago", "3 h ago", "2 days ago": how old a remembered USPS price is, as the trace shows it. */
export function ago(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  if (min < 1) return "just now";
  if (min < 90) return `${min} min ago`;
  const h = Math.round(min / 60);
  return h < 36 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
}

export const uspsConnector: CarrierConnector<UspsSettings, UspsSecrets> = {
  id: "usps",
  displayName: "USPS",
  // The schema fills defaults, so its input type is looser than UspsSettings; the registry only parses with it.
  settingsSchema: UspsSettingsSchema as unknown as CarrierConnector<UspsSettings, UspsSecrets>["settingsSchema"],
  secretsSchema: UspsSecretsSchema,
  services: USPS_SERVICES,
  capabilities: { rates: true, negotiatedRates: true, timeInTransit: false, landedCost: false, labels: true, tracking: true },
  requiresConnection: true,
  // Replaces apis.usps.com / apis-tem.usps.com: the demo's and tests' loopback fake.
  env: { baseUrl: "USPS_API_URL" },
  admin: uspsAdmin,
  createSource: (connection, deps) => createUspsSource(connection, deps as UspsDeps),
  createLabelProvider: (connection, deps) => createUspsLabelProvider(connection, deps as UspsDeps),
  labelDefaults: { service: "USPS_GROUND_ADVANTAGE", internationalService: "PRIORITY_MAIL_INTERNATIONAL", trackingCompany: "USPS" },
};
