// A valid RateRequest for tests and the benchmark; override any field.
import { AddressSchema } from "~/domain/address";
import type { RateRequest } from "~/carriers/carrier";

export function sampleRateRequest(over: Partial<RateRequest> = {}): RateRequest {
  return {
    shop: "demo.myshopify.com",
    origin: AddressSchema.parse({ country: "US", province: "NY", postalCode: "10001", city: "New York" }),
    destination: AddressSchema.parse({ country: "US", province: "CA", postalCode: "90210", city: "Beverly Hills" }),
    packages: [{ grams: 1200, billableGrams: 2267, dimensionsMm: { l: 300, w: 200, h: 150 } }],
    services: [],
    currency: "USD",
    subtotal: { amount: 5000, currency: "USD" },
    ...over,
  };
}
