// fulfillments/create: verified, bound to its topic and shop, validated, de-duplicated by acceptOnce (id, event id,
// body hash); everything else happens after the durable receipt (app/services/tracking/fulfillments.server.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/shopify/webhook.server";
import { FulfillmentPayload } from "~/shopify/webhook-schemas";
import { receiveFulfillmentWebhook } from "~/services/tracking/fulfillments.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const hook = await receiveWebhook(request, { topic: "fulfillments/create", schema: FulfillmentPayload });
  const answer = await receiveFulfillmentWebhook({ ...hook, payload: hook.json });
  return new Response(answer.body, { status: answer.status });
};
