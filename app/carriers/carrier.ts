// The carrier-neutral model every rate source speaks, and the guard that keeps a misbehaving source from
// breaking checkout: failures are data (quotes + messages), never exceptions across this boundary.
import { z } from "zod";
import { AddressSchema, normalizePostalCode } from "~/domain/address";

const currencyCode = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "currency must be an ISO 4217 code");

export const MoneySchema = z.object({ amount: z.number().int(), currency: currencyCode });

const DimensionsMmSchema = z.object({ l: z.number().nonnegative(), w: z.number().nonnegative(), h: z.number().nonnegative() });

export const RatePackageSchema = z.object({
  grams: z.number().int().nonnegative(),
  billableGrams: z.number().nonnegative(),
  dimensionsMm: DimensionsMmSchema,
});
export type RatePackage = z.output<typeof RatePackageSchema>;

export const RateRequestSchema = z.object({
  shop: z.string().min(1),
  origin: AddressSchema,
  destination: AddressSchema,
  packages: z.array(RatePackageSchema).min(1),
  /** Service codes wanted; an empty list means every service the source offers. */
  services: z.array(z.string().min(1)),
  currency: currencyCode,
  subtotal: MoneySchema,
});
export type RateRequest = z.output<typeof RateRequestSchema>;

const TransitDaysSchema = z
  .object({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative() })
  .refine((t) => t.min <= t.max, { message: "transit min must not exceed max" });

export const QuoteSchema = z.object({
  serviceCode: z.string().min(1),
  price: MoneySchema.extend({ amount: z.number().int().nonnegative() }),
  transitDays: TransitDaysSchema.optional(),
  /** The carrier's own estimated delivery date (YYYY-MM-DD), for the trace; checkout dates come from transitDays. */
  deliveryDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** What the trace shows about this price (e.g. negotiated or published, billing weight); never read by rating. */
  details: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
});
export type Quote = z.output<typeof QuoteSchema>;

export const CarrierMessageSchema = z.object({
  level: z.enum(["warning", "error"]),
  code: z.string().min(1),
  message: z.string(),
  serviceCode: z.string().optional(),
  /** Filled in by safeRate so the caller knows which source spoke. */
  sourceId: z.string().optional(),
});
export type CarrierMessage = z.output<typeof CarrierMessageSchema>;

export const RateResultSchema = z.object({ quotes: z.array(QuoteSchema), messages: z.array(CarrierMessageSchema) });
export type RateResult = z.output<typeof RateResultSchema>;

/**
 * A source of quotes (a carrier API, a rate table, a test double). It should honour `signal` and report
 * "carrier said no" as messages; safeRate still protects the caller when it does neither.
 */
export interface RateSource {
  id: string;
  rate(req: RateRequest, opts: { signal: AbortSignal }): Promise<RateResult>;
  /**
   * Answers from memory without I/O (a rate table): it cannot hang, so safeRate arms no timer or abort
   * listener for it, and rating does not cache its quotes (the lookup is cheaper than the cache key).
   * A wrapper that adds I/O or delays (a decorator) must not copy this flag.
   */
  inMemory?: boolean;
}

export type SafeRateOutcome = "ok" | "timeout" | "error" | "aborted";
export type SafeRateResult = RateResult & { latencyMs: number; outcome: SafeRateOutcome };

const NEVER_ABORTED = new AbortController().signal;
type Settled = { kind: "value"; value: unknown } | { kind: "thrown"; error: unknown } | { kind: "timeout" } | { kind: "aborted" };

const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * Calls the source and always resolves, within timeoutMs or as soon as `signal` aborts, whichever comes
 * first. The source's own signal is aborted in both cases so it can stop its HTTP call. Outcomes:
 *   ok      — the source answered with valid data (which may still carry error messages);
 *   timeout — no answer within timeoutMs;
 *   aborted — the caller aborted (e.g. the overall checkout deadline);
 *   error   — the source threw / rejected, or answered with data that fails RateResultSchema.
 * Quotes in a currency other than the request's are dropped with an error message.
 */
export async function safeRate(
  source: RateSource,
  req: RateRequest,
  /** No signal: the caller never cancels (the rating pipeline's own deadline is timeoutMs), so no listener is wired. */
  opts: { signal?: AbortSignal; timeoutMs: number },
): Promise<SafeRateResult> {
  const started = performance.now();
  const finish = (outcome: SafeRateOutcome, result: RateResult): SafeRateResult => ({
    quotes: result.quotes,
    messages: result.messages.map((m) => ({ ...m, sourceId: m.sourceId ?? source.id })),
    outcome,
    latencyMs: performance.now() - started,
  });
  const fail = (outcome: SafeRateOutcome, code: string, message: string) =>
    finish(outcome, { quotes: [], messages: [{ level: "error", code, message }] });

  if (opts.signal?.aborted) return fail("aborted", "aborted", `${source.id} was not asked: the request was already aborted`);
  const settle = (value: unknown): SafeRateResult => {
    const parsed = RateResultSchema.safeParse(value);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
        .join("; ");
      return fail("error", "invalid_response", `${source.id} returned invalid data: ${detail}`);
    }
    return finish("ok", keepRequestCurrency(parsed.data, req.currency));
  };

  if (source.inMemory) {
    // No I/O, so nothing to time out or abort: the per-call AbortController, timer and listener are skipped.
    try {
      return settle(await source.rate(req, { signal: opts.signal ?? NEVER_ABORTED }));
    } catch (error) {
      return fail("error", "source_threw", `${source.id} failed: ${errorText(error)}`);
    }
  }

  const controller = new AbortController();
  const signal = opts.signal;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: () => void = () => {};
  const aborted = signal
    ? new Promise<{ kind: "aborted" }>((resolve) => {
        onAbort = () => {
          controller.abort(signal.reason);
          resolve({ kind: "aborted" });
        };
        signal.addEventListener("abort", onAbort, { once: true });
      })
    : null;
  const timedOut = new Promise<{ kind: "timeout" }>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "timeout" }), Math.max(0, opts.timeoutMs));
  });
  // Promise.resolve().then(...) also catches a source that throws synchronously.
  const call: Promise<Settled> = Promise.resolve()
    .then(() => source.rate(req, { signal: controller.signal }))
    .then(
      (value) => ({ kind: "value" as const, value }),
      (error: unknown) => ({ kind: "thrown" as const, error }),
    );

  try {
    const racers: Promise<Settled>[] = [call, timedOut];
    if (aborted) racers.push(aborted);
    const first = await Promise.race(racers);
    switch (first.kind) {
      case "timeout":
        controller.abort(new DOMException(`timed out after ${opts.timeoutMs} ms`, "TimeoutError"));
        return fail("timeout", "timeout", `${source.id} did not answer within ${opts.timeoutMs} ms`);
      case "aborted":
        return fail("aborted", "aborted", `${source.id} was aborted by the caller`);
      case "thrown":
        return fail("error", "source_threw", `${source.id} failed: ${errorText(first.error)}`);
      case "value":
        return settle(first.value);
    }
    const unreachable: never = first;
    return unreachable;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

function keepRequestCurrency(result: RateResult, currency: string): RateResult {
  const wrong = result.quotes.filter((q) => q.price.currency !== currency);
  if (wrong.length === 0) return result;
  return {
    quotes: result.quotes.filter((q) => q.price.currency === currency),
    messages: [
      ...result.messages,
      ...wrong.map((q) => ({
        level: "error" as const,
        code: "currency_mismatch",
        serviceCode: q.serviceCode,
        message: `quote for ${q.serviceCode} is in ${q.price.currency}, the request is in ${currency}`,
      })),
    ],
  };
}

/**
 * Cache key over exactly what determines a price: source, shop, currency, subtotal, origin and destination
 * (country, province, normalised postal code — not street or city), the wanted services (sorted, deduped) and
 * the packages (sorted; billable grams rounded to whole grams, dimensions sorted and rounded to 0.01 mm so a
 * rotated box is the same parcel). Configuration is not in the request, so a source whose prices depend on
 * merchant settings should put a settings version in its id (e.g. "table:<hash>").
 */
export function quoteCacheKey(sourceId: string, req: RateRequest): string {
  const place = (a: RateRequest["origin"]) =>
    [a.country.toUpperCase(), (a.province ?? "").toUpperCase(), a.postalCode ? normalizePostalCode(a.country, a.postalCode) : ""].join("/");
  const dims = (d: RatePackage["dimensionsMm"]) =>
    [d.l, d.w, d.h]
      .map((x) => Math.round(x * 100) / 100)
      .sort((a, b) => b - a)
      .join("x");
  const packages = req.packages.map((p) => `${Math.round(p.billableGrams)}g@${dims(p.dimensionsMm)}`).sort();
  const services = [...new Set(req.services)].sort();
  return JSON.stringify([
    "quote/v1",
    sourceId,
    req.shop,
    req.currency.toUpperCase(),
    `${req.subtotal.amount} ${req.subtotal.currency.toUpperCase()}`,
    place(req.origin),
    place(req.destination),
    services,
    packages,
  ]);
}
