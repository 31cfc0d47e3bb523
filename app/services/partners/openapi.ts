// Builds the provider API's OpenAPI 3.1 document from the zod schemas in api-schemas.ts (z.toJSONSchema).
// `npx tsx scripts/partners-openapi.ts` writes docs/partners-api.openapi.json; openapi.test.ts fails on drift.
import { z } from "zod";
import { CancelBody, ErrorResponse, ListOrdersResponse, OkResponse, RejectBody, ShipmentBody } from "./api-schemas";
import { SIGNATURE_HEADER } from "./webhooks.server";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: "draft-2020-12", io: "output", unrepresentable: "any" });
const input = (s: z.ZodType) => z.toJSONSchema(s, { target: "draft-2020-12", io: "input", unrepresentable: "any" });

const errors = {
  "400": { description: "Malformed body", content: { "application/json": { schema: schema(ErrorResponse) } } },
  "403": { description: "Missing, unknown or revoked API key", content: { "application/json": { schema: schema(ErrorResponse) } } },
  "404": { description: "No such order for this provider", content: { "application/json": { schema: schema(ErrorResponse) } } },
  "409": { description: "The order is not in a state that allows this, or Shopify refused it", content: { "application/json": { schema: schema(ErrorResponse) } } },
  "422": { description: "The body does not match the schema", content: { "application/json": { schema: schema(ErrorResponse) } } },
  "503": { description: "Shopify is not answering; retry later", content: { "application/json": { schema: schema(ErrorResponse) } } },
};

function orderAction(summary: string, body?: z.ZodType, created = false) {
  return {
    post: {
      summary,
      security: [{ apiKey: [] }],
      parameters: [{ name: "orderId", in: "path", required: true, schema: { type: "string", maxLength: 40 } }],
      ...(body ? { requestBody: { required: true, content: { "application/json": { schema: input(body) } } } } : {}),
      responses: { [created ? "201" : "200"]: { description: "Done", content: { "application/json": { schema: schema(OkResponse) } } }, ...errors },
    },
  };
}

export function partnersOpenApi() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Waypost partner API",
      version: "1",
      description: `For logistics providers linked to Waypost shops. Order events are POSTed to each link's webhook URL, signed with ${SIGNATURE_HEADER} (base64 HMAC-SHA256 of the raw body with the link's secret); see docs/3pl.md.`,
    },
    servers: [{ url: "/partners/api/v1" }],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "wpk_… key from the partner portal → API keys" } } },
    paths: {
      "/orders": {
        get: {
          summary: "List orders routed to the provider (active links, plus in-progress orders of ended links)",
          security: [{ apiKey: [] }],
          parameters: [
            { name: "shop", in: "query", required: false, schema: { type: "string" } },
            { name: "status", in: "query", required: false, schema: { type: "string" } },
          ],
          responses: { "200": { description: "Orders, newest first (at most 100)", content: { "application/json": { schema: schema(ListOrdersResponse) } } }, ...errors },
        },
      },
      "/orders/{orderId}/accept": orderAction("Accept the fulfillment request"),
      "/orders/{orderId}/reject": orderAction("Reject the fulfillment request with a reason", RejectBody),
      "/orders/{orderId}/shipments": orderAction("Ship with tracking; creates the Shopify fulfillment", ShipmentBody, true),
      "/orders/{orderId}/cancel": orderAction("Answer the merchant's cancellation request", CancelBody),
    },
  };
}
