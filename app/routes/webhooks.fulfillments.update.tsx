// fulfillments/update: verified and de-duplicated by the library + acceptOnce; everything else happens after
// the durable receipt (app/services/tracking/fulfillments.server.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { receiveFulfillmentWebhook } from "~/services/tracking/fulfillments.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, eventId, payload } = await authenticate.webhook(request);
  const answer = await receiveFulfillmentWebhook({ shop, topic, webhookId, eventId, payload });
  return new Response(answer.body, { status: answer.status });
};
