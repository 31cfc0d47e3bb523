// One zod schema per webhook topic, checked by receiveWebhook before any effect. Only the fields we act on are
// required; the rest of Shopify's payload passes through untouched. Strings are bounded like every stored string.
import { z } from "zod";
import { FulfillmentPayloadSchema } from "~/services/tracking/fulfillment-payload";
import { CustomerPayload } from "~/services/compliance.server";

const shopDomain = z.string().max(255);

/** The Shop resource; myshopify_domain binds the body to the shop header. */
export const AppUninstalledPayload = z.object({ id: z.union([z.number(), z.string().max(64)]).optional(), myshopify_domain: shopDomain }).passthrough();

export const ShopRedactPayload = z.object({ shop_id: z.union([z.number(), z.string().max(64)]).optional(), shop_domain: shopDomain }).passthrough();

export const ScopesUpdatePayload = z.object({ current: z.array(z.string().max(100)).max(200) }).passthrough();

export { CustomerPayload, FulfillmentPayloadSchema as FulfillmentPayload };
