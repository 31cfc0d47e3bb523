// Wraps any rate source with a fault, so the callback path can be tested and benchmarked against a slow,
// failing or hanging carrier while the real pricing logic stays in place.
import type { RateSource } from "~/carriers/carrier";

export type Fault = { kind: "delay"; ms: number } | { kind: "throw" } | { kind: "hang" } | { kind: "bad_data" };

export function withFault(source: RateSource, fault: Fault): RateSource {
  return {
    id: source.id,
    async rate(req, opts) {
      if (fault.kind === "throw") throw new Error(`injected failure in ${source.id}`);
      if (fault.kind === "bad_data") return { quotes: [{ serviceCode: "", price: { amount: -1, currency: "??" } }], messages: [] } as never;
      await new Promise<void>((resolve, reject) => {
        const timer = fault.kind === "delay" ? setTimeout(resolve, fault.ms) : undefined;
        opts.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(opts.signal.reason ?? new Error("aborted"));
        }, { once: true });
      });
      return source.rate(req, opts);
    },
  };
}
