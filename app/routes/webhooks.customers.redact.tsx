// customers/redact: verified, bound to its topic and shop, inside the replay window, once.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/shopify/webhook.server";
import { CustomerPayload } from "~/shopify/webhook-schemas";
import { redactCustomer } from "~/services/compliance.server";
import { acceptOnce } from "~/services/webhook-receipts.server";
import { flushErasure } from "~/db/sqlite-tuning.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const hook = await receiveWebhook(request, { topic: "customers/redact", schema: CustomerPayload, destructive: true });
  await acceptOnce(hook, (tx) => redactCustomer(tx, hook.shop, hook.body));
  await flushErasure();
  return new Response();
};
