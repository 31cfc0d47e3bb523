// customers/data_request: verified, bound to its topic and shop, once; records what we hold.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/shopify/webhook.server";
import { CustomerPayload } from "~/shopify/webhook-schemas";
import { recordDataRequest } from "~/services/compliance.server";
import { acceptOnce } from "~/services/webhook-receipts.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const hook = await receiveWebhook(request, { topic: "customers/data_request", schema: CustomerPayload });
  await acceptOnce(hook, (tx) => recordDataRequest(tx, hook.shop, hook.body));
  return new Response();
};
