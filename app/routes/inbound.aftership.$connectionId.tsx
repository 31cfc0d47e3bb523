// Inbound aftership tracking events for one channel connection; see app/services/tracking/inbound.server.ts.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { handleInboundEvent } from "~/services/tracking/inbound.server";

export const action = async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return json({ ok: false, error: "Use POST" }, { status: 405 });
  const answer = await handleInboundEvent({ source: "aftership", connectionId: params.connectionId ?? "", headers: request.headers, rawBody: await request.text() });
  return json(answer.body, { status: answer.status });
};

export const loader = () => json({ ok: false, error: "Use POST" }, { status: 405 });
