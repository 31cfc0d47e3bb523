// Registers (or re-points) Waypost's carrier service on a shop. Idempotent: an existing service that we created is
// updated in place, so reinstalling or re-running never leaves duplicates at checkout.
import { getDb } from "~/db.server";
import { env } from "~/env.server";
import { AdminApiError, formatUserErrors, runOperation, type AdminClient, type UserError } from "~/shopify/admin-operations.server";
import { CarrierServiceCreate, CarrierServicesQuery, CarrierServiceUpdate } from "~/shopify/graphql/carrier-service";

const CARRIER_SERVICE_NAME = "Waypost";
const ratesCallbackUrl = () => new URL("/carrier-service/rates", env().SHOPIFY_APP_URL).toString();

type RegistrationResult =
  | { status: "active"; carrierServiceId: string }
  | { status: "refused"; userErrors: UserError[]; advice: string }
  | { status: "error"; message: string };

export async function registerCarrierService(shop: string, admin: AdminClient): Promise<RegistrationResult> {
  const result = await attempt(admin).catch((error: unknown): RegistrationResult => {
    const message = error instanceof AdminApiError ? error.message : String(error);
    return { status: "error", message };
  });
  await getDb().shop.update({
    where: { domain: shop },
    data: {
      carrierServiceStatus: result.status,
      carrierServiceId: result.status === "active" ? result.carrierServiceId : undefined,
      carrierServiceErrors:
        result.status === "refused"
          ? ({ userErrors: result.userErrors, advice: result.advice } as never)
          : result.status === "error"
            ? { message: result.message }
            : undefined,
      carrierServiceAt: new Date(),
    },
  });
  return result;
}

async function attempt(admin: AdminClient): Promise<RegistrationResult> {
  const callbackUrl = ratesCallbackUrl();
  const { carrierServices } = await runOperation(admin, CarrierServicesQuery, {});
  const ours = carrierServices.nodes.find((s) => s.callbackUrl === callbackUrl || s.name === CARRIER_SERVICE_NAME);
  const fields = { name: CARRIER_SERVICE_NAME, callbackUrl, active: true, supportsServiceDiscovery: true };

  const payload = ours
    ? (await runOperation(admin, CarrierServiceUpdate, { input: { id: ours.id, ...fields } })).carrierServiceUpdate
    : (await runOperation(admin, CarrierServiceCreate, { input: fields })).carrierServiceCreate;

  if (payload.userErrors.length > 0 || !payload.carrierService) {
    return { status: "refused", userErrors: payload.userErrors, advice: adviceFor(payload.userErrors) };
  }
  return { status: "active", carrierServiceId: payload.carrierService.id };
}

/** Turns Shopify's refusal into the next step a merchant can take. */
function adviceFor(errors: UserError[]): string {
  const text = formatUserErrors(errors).toLowerCase();
  if (/plan|carrier.calculated|third.party|not (eligible|allowed|enabled)/.test(text)) {
    return "Your Shopify plan does not include carrier-calculated shipping. It is included on Advanced and Plus, on Shopify plans billed yearly, or as a paid add-on (ask Shopify Support to enable it). Then press Retry registration.";
  }
  if (/callback/.test(text)) {
    return "Shopify could not accept the callback URL. Check that SHOPIFY_APP_URL is the app's public https address, then press Retry registration.";
  }
  return "Shopify refused the carrier service. Fix the problem shown, then press Retry registration.";
}
