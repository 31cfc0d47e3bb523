// Shared test data: the demo shop's shipping setup (docs/examples/shipping-config.demo.json) and rate requests.
import fs from "node:fs";
import path from "node:path";

export function demoShippingConfig(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.resolve("docs/examples/shipping-config.demo.json"), "utf8"));
}

export function rateRequestBody(over: { country?: string; province?: string; postal?: string; items?: unknown[]; currency?: string } = {}) {
  return {
    rate: {
      origin: { country: "US", postal_code: "10001", province: "NY", city: "New York", name: null, address1: "350 5th Ave", address2: "", address3: null, phone: null, fax: null, email: null, address_type: null, company_name: "Waypost Demo" },
      destination: { country: over.country ?? "US", postal_code: over.postal ?? "94107", province: over.province ?? "CA", city: "San Francisco", name: "Jane", address1: "1 Market St", address2: "", address3: null, phone: null, fax: null, email: null, address_type: null, company_name: null },
      items: over.items ?? [
        { name: "Short Sleeve T-Shirt", sku: "TS-1", quantity: 2, grams: 400, price: 1999, vendor: "Waypost Demo", requires_shipping: true, taxable: true, fulfillment_service: "manual", properties: null, product_id: 48447225880, variant_id: 258644705304 },
      ],
      currency: over.currency ?? "USD",
      locale: "en",
    },
  };
}

/**
 * The demo order to Berlin: two T-shirts and a winter coat, variants with HS codes, above the EU's €150 duty
 * relief, so duties, import VAT and the clearance fee all apply (docs/landed-cost.md walks through it).
 */
export function germanyOrderBody() {
  const body = rateRequestBody({
    country: "DE",
    province: "",
    postal: "10115",
    items: [
      { name: "Short Sleeve T-Shirt", sku: "TS-1", quantity: 2, grams: 200, price: 1999, vendor: "Waypost Demo", requires_shipping: true, product_id: 101, variant_id: 1011 },
      { name: "Winter Coat", sku: "COAT-L", quantity: 1, grams: 900, price: 18000, vendor: "Waypost Demo", requires_shipping: true, product_id: 102, variant_id: 1021 },
    ],
  });
  body.rate.destination.city = "Berlin";
  body.rate.destination.address1 = "Invalidenstrasse 1";
  return body;
}
