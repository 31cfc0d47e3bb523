// Shopify's carrier-service callback through Remix. In production server.mjs answers this path on a leaner
// node:http path first; this route serves the same core wherever Remix runs alone (shopify app dev, remix-serve).
import type { ActionFunctionArgs } from "@remix-run/node";
import { MAX_BODY_BYTES } from "~/services/rating/callback.server";
import { ratingService } from "~/services/rating/service.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const receivedAt = performance.now();
  const rawBody = Buffer.from(await request.arrayBuffer());
  if (rawBody.length > MAX_BODY_BYTES) {
    return new Response(JSON.stringify({ error: `body larger than ${MAX_BODY_BYTES} bytes` }), { status: 413 });
  }
  const result = await ratingService().handleRateCallback({
    rawBody,
    hmac: request.headers.get("x-shopify-hmac-sha256"),
    shopDomain: request.headers.get("x-shopify-shop-domain"),
    timeoutHeader: request.headers.get("x-shopify-timeout"),
    receivedAt,
  });
  return new Response(result.body, { status: result.status, headers: { "Content-Type": "application/json" } });
};
