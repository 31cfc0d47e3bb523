// UPS in a shop's setup, shared by the UPS rating tests, the browser test and the demo: the US zone's three UPS
// services (Waypost names, descriptions and fallback prices; UPS prices), and a connection whose tokens the
// loopback UPS issued.
import type { Db } from "../../app/db.server";
import type { UpsFake } from "../fakes/ups";

export const UPS_APP = { clientId: "waypost-app", clientSecret: "waypost-app-secret" };

export const UPS_US_SERVICES = [
  { code: "ups-ground", name: "UPS Ground", description: "Negotiated UPS rate", source: "ups", carrierService: "03", fallbackPrice: 1295, delivery: { minDays: 1, maxDays: 5 } },
  { code: "ups-2day", name: "UPS 2nd Day Air", description: "Two business days", source: "ups", carrierService: "02", fallbackPrice: 2495 },
  { code: "ups-next-day", name: "UPS Next Day Air", description: "Next business day", source: "ups", carrierService: "01", fallbackPrice: 4495 },
];

/** The demo setup with the UPS services added to its US zone (beside the table services), once. */
export function withUpsServices(config: Record<string, unknown>): Record<string, unknown> {
  const zones = (config.zones as { id: string; services: { code: string }[] }[]).map((z) =>
    z.id === "us" ? { ...z, services: [...z.services, ...UPS_US_SERVICES.filter((u) => !z.services.some((s) => s.code === u.code))] } : z,
  );
  return { ...config, zones };
}

/** A connected authorization-code UPS connection with tokens the fake issued (as if the merchant had signed in). */
export async function connectUpsToFake(db: Db, shopId: string, fake: UpsFake, accountNumber = "A1B2C3") {
  const { upsertCarrierConnection } = await import("../../app/services/carrier-connections.server");
  const issued = fake.state.issueTokens(UPS_APP.clientId, true);
  return upsertCarrierConnection(db, shopId, {
    carrierId: "ups",
    accountNumber,
    mode: "test",
    status: "connected",
    settings: { accountNumber, accountPostalCode: "10001", accountCountry: "US", mode: "test", authKind: "authorization_code" },
    secrets: { kind: "authorization_code", accessToken: issued.access_token, accessTokenExpiresAt: Date.now() + 3_600_000, refreshToken: issued.refresh_token },
    diagnosis: { checkedAt: new Date().toISOString(), outcome: "negotiated", services: 3, messages: [] },
  });
}
