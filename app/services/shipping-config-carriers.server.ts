// The part of shipping-config validation that needs the carrier registry: every service's source must be a
// registered carrier, and its carrier service code must be in that carrier's catalogue. Kept out of app/domain,
// which stays pure and knows carrier ids only by their shape.
import type { CarrierRegistry } from "~/carriers/registry.server";
import { formatIssuePath, type ShippingConfig } from "~/domain/shipping-config";

/** English for the CLI; `key`/`params` of errors.json for the admin. */
interface CarrierIssue {
  path: string;
  message: string;
  key: string;
  params: Record<string, string>;
}

export function carrierIssues(config: ShippingConfig, carriers: CarrierRegistry): CarrierIssue[] {
  const issues: CarrierIssue[] = [];
  config.zones.forEach((zone, zi) =>
    zone.services.forEach((service, si) => {
      const at = (field: string) => formatIssuePath(["zones", zi, "services", si, field]);
      const carrier = carriers.get(service.source);
      if (!carrier) {
        const known = carriers.ids().join(", ");
        issues.push({ path: at("source"), message: `"${service.source}" is not a known carrier (known: ${known})`, key: "unknown_carrier", params: { source: service.source, known } });
        return;
      }
      const catalogue = carrier.services.map((s) => s.code);
      if (catalogue.length === 0 && service.carrierService !== undefined) {
        issues.push({ path: at("carrierService"), message: `${carrier.displayName} has no service catalogue; leave carrierService out`, key: "carrier_no_catalogue", params: { carrier: carrier.displayName } });
      } else if (catalogue.length > 0 && !catalogue.includes(service.carrierService ?? "")) {
        const services = catalogue.join(", ");
        issues.push({ path: at("carrierService"), message: `must be one of ${carrier.displayName}'s services: ${services}`, key: "carrier_service_choice", params: { carrier: carrier.displayName, services } });
      }
    }),
  );
  return issues;
}
