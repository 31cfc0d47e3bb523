import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { parseCustomerPayload, recordDataRequest } from "~/services/compliance.server";
import { acceptOnce } from "~/services/webhook-receipts.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, eventId, payload } = await authenticate.webhook(request);
  const parsed = parseCustomerPayload(payload);
  if (!parsed.success) return new Response(`Unexpected ${topic} payload: ${parsed.error.issues[0]?.message}`, { status: 400 });
  await acceptOnce({ shop, topic, webhookId, eventId }, (tx) => recordDataRequest(tx, shop, parsed.data));
  return new Response();
};
