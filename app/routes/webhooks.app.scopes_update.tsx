// app/scopes_update: verified, bound to its topic and shop, once; the offline session records the new scopes.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/shopify/webhook.server";
import { ScopesUpdatePayload } from "~/shopify/webhook-schemas";
import { acceptOnce } from "~/services/webhook-receipts.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const hook = await receiveWebhook(request, { topic: "app/scopes_update", schema: ScopesUpdatePayload });
  await acceptOnce(hook, async (tx) => {
    // Named by id and shop: the offline session id is derived from the verified shop header.
    await tx.session.updateMany({ where: { id: `offline_${hook.shop}`, shop: hook.shop }, data: { scope: hook.body.current.join(",") } });
  });
  return new Response();
};
