// A scriptable rate source for tests and the benchmark. Each behaviour imitates one way a real carrier
// misbehaves, so safeRate and the rating service can be exercised without a network.
import type { Quote, RateResult, RateSource } from "~/carriers/carrier";

export type TestBehaviour = "ok" | "slow" | "fail" | "throw" | "bad_data" | "hang";

export type TestSourceConfig = {
  id?: string;
  behaviour: TestBehaviour;
  /** "ok" waits this long before answering (default 0); "slow" defaults to 5000 ms. */
  delayMs?: number;
  /** Price in minor units per service code. */
  prices: Record<string, number>;
  currency: string;
};

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

/** Resolves after ms, or rejects with the abort reason as soon as the signal aborts (like fetch). */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export function createTestSource(config: TestSourceConfig): RateSource {
  const id = config.id ?? `test-${config.behaviour}`;
  const quotesFor = (services: readonly string[]): Quote[] =>
    Object.entries(config.prices)
      .filter(([code]) => services.length === 0 || services.includes(code))
      .map(([serviceCode, amount]) => ({ serviceCode, price: { amount, currency: config.currency } }));

  return {
    id,
    async rate(req, { signal }): Promise<RateResult> {
      switch (config.behaviour) {
        case "ok":
          if (config.delayMs) await wait(config.delayMs, signal);
          return { quotes: quotesFor(req.services), messages: [] };
        case "slow":
          await wait(config.delayMs ?? 5000, signal);
          return { quotes: quotesFor(req.services), messages: [] };
        case "fail":
          if (config.delayMs) await wait(config.delayMs, signal);
          return { quotes: [], messages: [{ level: "error", code: "carrier_unavailable", message: "the carrier said no (test source)" }] };
        case "throw":
          if (config.delayMs) await wait(config.delayMs, signal);
          throw new Error("test source exploded");
        case "bad_data":
          if (config.delayMs) await wait(config.delayMs, signal);
          // Floats and a missing currency: what a careless carrier parser might produce.
          return { quotes: [{ serviceCode: "X", price: { amount: 12.5 } }], messages: [] } as unknown as RateResult;
        case "hang":
          return new Promise<RateResult>((resolve) => {
            const settle = () =>
              resolve({ quotes: [], messages: [{ level: "warning", code: "aborted", message: "hang source released by abort" }] });
            if (signal.aborted) settle();
            else signal.addEventListener("abort", settle, { once: true });
          });
      }
    },
  };
}
