// Builders shared by the USPS tests (not imported by production code).
import { AddressSchema, type AddressInput } from "~/domain/address";
import type { RateRequest } from "../carrier";
import type { UspsSecrets, UspsSettings } from "./settings";

export const address = (a: AddressInput) => AddressSchema.parse(a);

export function rateRequest(over: Partial<RateRequest> = {}): RateRequest {
  return {
    shop: "demo.myshopify.com",
    origin: address({ country: "US", postalCode: "22407" }),
    destination: address({ country: "US", postalCode: "63118" }),
    packages: [{ grams: 454, billableGrams: 453, dimensionsMm: { l: 304.8, w: 228.6, h: 101.6 } }],
    services: [],
    currency: "USD",
    subtotal: { amount: 5000, currency: "USD" },
    ...over,
  };
}

export const settings = (over: Partial<UspsSettings> = {}): UspsSettings => ({
  mode: "test",
  publishedPriceType: "COMMERCIAL",
  allowMediaMail: false,
  allowLibraryMail: false,
  hourlyQuota: 60,
  ...over,
});

export const secrets = (over: Partial<UspsSecrets> = {}): UspsSecrets => ({ consumerKey: "usps-consumer-key", consumerSecret: "usps-consumer-secret", ...over });

/** A fetch that records calls and answers from a list (last answer repeats). */
export function recordingFetch(answers: { status: number; body: unknown; headers?: Record<string, string> }[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    const a = answers[Math.min(calls.length - 1, answers.length - 1)];
    const text = typeof a.body === "string" ? a.body : JSON.stringify(a.body);
    return new Response(text, { status: a.status, headers: { "content-type": "application/json", ...a.headers } });
  }) as typeof fetch;
  return { fetch: fetchFn, calls };
}
