// Shopify's fulfillment-service callback (POST {callbackUrl}/fulfillment_order_notification, contracts.md §B6):
// a signed ping {"kind": "FULFILLMENT_REQUEST" | "CANCELLATION_REQUEST"}. We verify the app HMAC, bind the shop
// header to the link's shop, then query the assigned fulfillment orders (services/partners/orders.server.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { partnersContext } from "~/services/partners/context.server";
import { answering, jsonError, parseWith, readJsonBody } from "~/services/partners/http.server";
import { handleNotification } from "~/services/partners/orders.server";
import { verifyShopifyHmac } from "~/shopify/hmac.server";
import { shopifySecrets } from "~/shopify/secrets.server";

const Ping = z.object({ kind: z.enum(["FULFILLMENT_REQUEST", "CANCELLATION_REQUEST"]) });

export const loader = () => jsonError(405, "Use POST");

export const action = async ({ request, params }: ActionFunctionArgs) =>
  answering(async () => {
    if (request.method !== "POST") return jsonError(405, "Use POST");
    const { raw, value } = await readJsonBody(request);
    if (!verifyShopifyHmac(raw, request.headers.get("x-shopify-hmac-sha256"), shopifySecrets())) return jsonError(401, "HMAC did not verify");
    const linkId = z.string().min(1).max(40).safeParse(params.linkId);
    if (!linkId.success) return jsonError(404, "Unknown fulfillment service");
    const ctx = partnersContext();
    const link = await ctx.db.partnerLink.findFirst({ where: { id: linkId.data, shop: { domain: request.headers.get("x-shopify-shop-domain") ?? "" } } });
    if (!link) return jsonError(404, "Unknown fulfillment service for this shop");
    const ping = parseWith(Ping, value);
    const summary = await handleNotification(ctx, link.id, ping.kind);
    return Response.json(summary);
  });
