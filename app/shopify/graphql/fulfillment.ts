// The fulfillment a shipment creates on Shopify, shared by every flow that ships: a bought label (labels) and a
// 3PL partner's shipment (fulfillment services). Tracking sync then pushes it to the channels.
import { z } from "zod";
import { defineOperation } from "../admin-operations.server";
import { UserErrorsSchema } from "../user-errors";

export const FulfillmentResultSchema = z.object({ id: z.string(), status: z.string() }).nullable();

const CreateResult = z.object({ fulfillmentCreate: z.object({ fulfillment: FulfillmentResultSchema, userErrors: UserErrorsSchema }) });
export const FulfillmentCreate = defineOperation<
  { fulfillment: { lineItemsByFulfillmentOrder: { fulfillmentOrderId: string }[]; notifyCustomer: boolean; trackingInfo: { number: string; company?: string; url?: string } } },
  z.infer<typeof CreateResult>
>(
  "FulfillmentCreate",
  `#graphql
  mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment { id status }
      userErrors { field message }
    }
  }`,
  CreateResult,
);
