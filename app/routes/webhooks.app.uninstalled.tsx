// app/uninstalled: verified, bound to its topic and shop, de-duplicated (id, event id, body hash), then deactivates.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/shopify/webhook.server";
import { AppUninstalledPayload } from "~/shopify/webhook-schemas";
import { deactivateShop } from "~/services/shop-lifecycle.server";
import { acceptOnce } from "~/services/webhook-receipts.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const hook = await receiveWebhook(request, { topic: "app/uninstalled", schema: AppUninstalledPayload, destructive: true });
  await acceptOnce(hook, (tx) => deactivateShop(tx, hook.shop));
  return new Response();
};
