// GET /partners/api/v1/orders?shop=&status= : the provider's orders across linked shops (docs/partners-api.openapi.json).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateProvider, listOrdersApi } from "~/services/partners/api.server";
import { partnersContext } from "~/services/partners/context.server";
import { answering, jsonError } from "~/services/partners/http.server";

export const loader = async ({ request }: LoaderFunctionArgs) =>
  answering(async () => {
    const ctx = partnersContext();
    return listOrdersApi(ctx, await authenticateProvider(ctx, request), new URL(request.url));
  });

export const action = (_args: ActionFunctionArgs) => jsonError(405, "Use GET", "method_not_allowed");
