// Inbound carrier tracking events for one channel connection, in the format its connector accepts
// (/inbound/<format>/<connection id>); see app/services/tracking/inbound-events.server.ts.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { logger } from "~/lib/logger.server";
import { trackingContextFrom } from "~/services/tracking/context.server";
import { handleInboundEvent } from "~/services/tracking/inbound-events.server";

export const action = async ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return json({ ok: false, error: "Use POST" }, { status: 405 });
  try {
    const input = { format: params.format ?? "", connectionId: params.connectionId ?? "", headers: request.headers, rawBody: await request.text() };
    const answer = await handleInboundEvent(input, trackingContextFrom(context));
    return json(answer.body, { status: answer.status });
  } catch (error) {
    // The sender sees no stack, SQL or message of ours; the log keeps them.
    logger.error("inbound tracking event crashed", { format: params.format, error: error instanceof Error ? error.message : String(error) });
    return json({ ok: false, error: "Temporarily unavailable; retry later" }, { status: 503 });
  }
};

export const loader = () => json({ ok: false, error: "Use POST" }, { status: 405 });
