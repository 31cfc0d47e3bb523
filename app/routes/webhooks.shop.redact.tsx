import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { eraseShop } from "~/services/shop-lifecycle.server";
import { acceptOnce } from "~/services/webhook-receipts.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, eventId } = await authenticate.webhook(request);
  await acceptOnce({ shop, topic, webhookId, eventId }, (tx) => eraseShop(tx, shop));
  return new Response();
};
