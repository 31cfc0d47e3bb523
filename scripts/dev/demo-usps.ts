// The demo's USPS: a loopback fake USPS (tests/fakes/usps.ts), a connected USPS account for the demo shop, and
// USPS Ground Advantage and Priority Mail in the US zone, so the printed checkout curl shows live USPS prices, and
// a payment account so the Labels page can buy labels.
import { startUspsFake, type UspsFake } from "../../tests/fakes/usps";

const UNUSED_TABLE = { basis: "weight", currency: "USD", bands: [{ maxGrams: 30_000, price: 0 }] };
const DEMO_USPS_SERVICES = [
  { code: "usps-ground-advantage", name: "USPS Ground Advantage", description: "2-5 business days", source: "usps", carrierService: "USPS_GROUND_ADVANTAGE", fallbackPrice: 895, delivery: { minDays: 2, maxDays: 5 }, rateTable: UNUSED_TABLE },
  { code: "usps-priority-mail", name: "USPS Priority Mail", description: "1-3 business days", source: "usps", carrierService: "PRIORITY_MAIL", fallbackPrice: 1195, delivery: { minDays: 1, maxDays: 3 }, rateTable: UNUSED_TABLE },
];

/** Starts the fake; call before the app reads its configuration (it sets USPS_API_URL). */
export async function startDemoUsps(): Promise<UspsFake> {
  const fake = await startUspsFake({ clientId: "demo-usps-key", clientSecret: "demo-usps-secret" });
  process.env.USPS_API_URL = fake.url;
  return fake;
}

/** Idempotent: connects USPS for the shop and adds the two USPS services to its US zone when missing. */
export async function seedDemoUsps(domain: string, fake: UspsFake): Promise<string> {
  const { getDb } = await import("../../app/db.server");
  const { upsertCarrierConnection } = await import("../../app/services/carrier-connections.server");
  const { getShippingSetup, saveShippingSetup } = await import("../../app/services/shipping-config.server");
  const setup = await getShippingSetup(domain);
  if (!setup) throw new Error(`demo shop ${domain} is missing`);
  await upsertCarrierConnection(getDb(), setup.shopId, {
    carrierId: "usps",
    mode: "test",
    status: "connected",
    // CRID, MID and the EPS account the fake accepts: Admin → Labels can buy.
    settings: { mode: "test", publishedPriceType: "COMMERCIAL", allowMediaMail: false, allowLibraryMail: false, hourlyQuota: 60, crid: "56982563", mid: "902345678", paymentAccount: { type: "EPS", number: "1000000001" } },
    secrets: { consumerKey: fake.state.clientId, consumerSecret: fake.state.clientSecret },
  });
  const us = setup.config.zones.find((z) => z.regions.some((r) => r.type === "country" && r.country === "US"));
  if (!us || us.services.some((s) => s.source === "usps")) return "USPS connected to the fake";
  us.services.push(...(DEMO_USPS_SERVICES as unknown as typeof us.services));
  const saved = await saveShippingSetup(domain, setup.config);
  if (!saved.ok) throw new Error(`the demo USPS services were refused: ${JSON.stringify(saved)}`);
  return "USPS connected to the fake, Ground Advantage and Priority Mail in the US zone";
}
