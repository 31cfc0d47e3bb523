import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AnyCarrierConnector } from "~/carriers/connector";
import { createCarrierRegistry } from "~/carriers/registry.server";
import { tableCarrier } from "~/carriers/table";
import { ShippingConfigSchema } from "~/domain/shipping-config";
import { carrierIssues } from "./shipping-config-carriers.server";

const live: AnyCarrierConnector = {
  ...tableCarrier,
  id: "acme",
  displayName: "Acme",
  settingsSchema: z.object({}),
  services: [{ code: "GND", name: "Ground", scope: "domestic" }],
  requiresConnection: true,
};
const carriers = createCarrierRegistry([tableCarrier, live]);
const table = { basis: "subtotal", currency: "USD", bands: [{ price: 500 }] };
const config = (...services: Record<string, unknown>[]) =>
  ShippingConfigSchema.parse({
    version: 1,
    currency: "USD",
    timeZone: "UTC",
    origin: { country: "US" },
    zones: [{ name: "US", regions: [{ type: "country", country: "US" }], services: services.map((s, i) => ({ code: `s${i}`, name: "S", rateTable: table, ...s })) }],
  });

describe("carrier checks of a shipping config", () => {
  it("accepts table services and live services naming a code from the carrier's catalogue", () => {
    expect(carrierIssues(config({}, { source: "acme", carrierService: "GND" }), carriers)).toEqual([]);
  });

  it("names the exact path of an unknown carrier, a missing or foreign service code, and a code the table cannot use", () => {
    const issues = carrierIssues(config({ source: "nope" }, { source: "acme" }, { source: "acme", carrierService: "AIR" }, { carrierService: "GND" }), carriers);
    expect(issues).toEqual([
      { path: "zones[0].services[0].source", message: '"nope" is not a known carrier (known: table, acme)', key: "unknown_carrier", params: { source: "nope", known: "table, acme" } },
      { path: "zones[0].services[1].carrierService", message: "must be one of Acme's services: GND", key: "carrier_service_choice", params: { carrier: "Acme", services: "GND" } },
      { path: "zones[0].services[2].carrierService", message: "must be one of Acme's services: GND", key: "carrier_service_choice", params: { carrier: "Acme", services: "GND" } },
      { path: "zones[0].services[3].carrierService", message: "Rate tables has no service catalogue; leave carrierService out", key: "carrier_no_catalogue", params: { carrier: "Rate tables" } },
    ]);
  });
});
