import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { acceptOnce } from "~/services/webhook-receipts.server";

const Payload = z.object({ current: z.array(z.string()) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, eventId, payload, session } = await authenticate.webhook(request);
  const parsed = Payload.safeParse(payload);
  if (!parsed.success) return new Response("payload.current must be a list of scopes", { status: 400 });
  await acceptOnce({ shop, topic, webhookId, eventId }, async (tx) => {
    if (session) await tx.session.update({ where: { id: session.id }, data: { scope: parsed.data.current.join(",") } });
  });
  return new Response();
};
