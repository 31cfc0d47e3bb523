// shop/redact: verified, bound to its topic and shop, inside the replay window, once; then every row goes.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/shopify/webhook.server";
import { ShopRedactPayload } from "~/shopify/webhook-schemas";
import { eraseShop } from "~/services/shop-lifecycle.server";
import { acceptOnce } from "~/services/webhook-receipts.server";
import { flushErasure } from "~/db/sqlite-tuning.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const hook = await receiveWebhook(request, { topic: "shop/redact", schema: ShopRedactPayload, destructive: true });
  await acceptOnce(hook, (tx) => eraseShop(tx, hook.shop));
  await flushErasure();
  return new Response();
};
