// Verify on save (issue 10): one token call and one price call, then the quota state, so the merchant sees
// at once whether the credentials, the Prices API product and the contract account work.
import type { CarrierMessage } from "../carrier";
import { AddressSchema } from "~/domain/address";
import type { CarrierConnectionContext } from "../connector";
import { openUspsConnection, type UspsDeps } from "./connection.server";
import { toCarrierMessage } from "./errors";
import { domesticBaseRatesQuery, mailingDateFor, priceTerms } from "./price-request";
import { parseBaseRates } from "./price-response";
import { quotaSnapshot, type QuotaSnapshot } from "./quota";
import type { UspsSecrets, UspsSettings } from "./settings";

export const DOMESTIC_BASE_RATES_PATH = "/prices/v3/base-rates/search";

export interface UspsVerification {
  ok: boolean;
  /** The sample price (cents) USPS returned, with the price type it applied. */
  sample?: { mailClass: string; cents: number; priceType?: string; zone?: string };
  messages: CarrierMessage[];
  quota: QuotaSnapshot | null;
}

/** Prices a 1 lb Ground Advantage parcel from the merchant's origin ZIP to a fixed ZIP (USPS's own example). */
export async function verifyUspsConnection(
  connection: CarrierConnectionContext<UspsSettings, UspsSecrets>,
  input: { originZip: string; signal: AbortSignal },
  deps: UspsDeps,
): Promise<UspsVerification> {
  const opened = openUspsConnection(connection, deps);
  if (!opened.ok) return { ok: false, messages: [toCarrierMessage(opened.problem)], quota: null };
  const { client, settings, quotaStore, quotaKey, policy } = opened.value;
  const quota = async () => quotaSnapshot(await quotaStore.read(quotaKey), deps.now(), policy);
  const req = {
    shop: connection.shop,
    origin: AddressSchema.parse({ country: "US", postalCode: input.originZip }),
    destination: AddressSchema.parse({ country: "US", postalCode: "63118" }),
    packages: [{ grams: 454, billableGrams: 453, dimensionsMm: { l: 254, w: 203.2, h: 101.6 } }],
    services: ["USPS_GROUND_ADVANTAGE"],
    currency: "USD",
    subtotal: { amount: 0, currency: "USD" },
  };
  const built = domesticBaseRatesQuery(req, req.packages[0], "USPS_GROUND_ADVANTAGE", priceTerms(settings), mailingDateFor(deps.now()));
  if (!built.ok) return { ok: false, messages: [toCarrierMessage(built.problem)], quota: await quota() };
  const r = await client.postJson(DOMESTIC_BASE_RATES_PATH, built.body, input.signal);
  if (!r.ok) return { ok: false, messages: [toCarrierMessage(r.problem)], quota: await quota() };
  const parsed = parseBaseRates(r.body);
  if (!parsed.ok) return { ok: false, messages: [toCarrierMessage({ action: "retry_later", code: "malformed", message: `USPS answered with a body we cannot read: ${parsed.detail}` })], quota: await quota() };
  const p = parsed.value;
  const messages: CarrierMessage[] = p.warnings.map((w) => ({
    level: "warning",
    code: w.code === "001" ? "usps_contract_rate_not_found" : `usps_warning_${w.code}`,
    message: w.description,
  }));
  return { ok: true, sample: { mailClass: p.mailClass, cents: p.cents, priceType: p.priceType, zone: p.zone }, messages, quota: await quota() };
}
