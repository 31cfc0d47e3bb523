// POST /partners/api/v1/orders/:orderId/{accept|reject|shipments|cancel} (docs/partners-api.openapi.json).
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateProvider, orderActionApi } from "~/services/partners/api.server";
import { partnersContext } from "~/services/partners/context.server";
import { answering, jsonError } from "~/services/partners/http.server";

export const loader = () => jsonError(405, "Use POST", "method_not_allowed");

export const action = async ({ request, params }: ActionFunctionArgs) =>
  answering(async () => {
    if (request.method !== "POST") return jsonError(405, "Use POST", "method_not_allowed");
    const ctx = partnersContext();
    const providerId = await authenticateProvider(ctx, request);
    const orderId = (params.orderId ?? "").slice(0, 40);
    return orderActionApi(ctx, providerId, orderId, params.action ?? "", request);
  });
