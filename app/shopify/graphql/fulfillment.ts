// The fulfillment a shipment creates on Shopify, shared by every flow that ships: a bought label (labels) and a
// 3PL partner's shipment (fulfillment services). Tracking sync then pushes it to the channels.
import { z } from "zod";
import { defineOperation } from "../admin-operations.server";
import { UserErrorsSchema } from "../user-errors";

/** A fulfillment order's destination as the Admin API returns it (every field may be absent). */
export const FulfillmentDestinationSchema = z
  .object({
    firstName: z.string().nullish(),
    lastName: z.string().nullish(),
    company: z.string().nullish(),
    address1: z.string().nullish(),
    address2: z.string().nullish(),
    city: z.string().nullish(),
    province: z.string().nullish(),
    zip: z.string().nullish(),
    countryCode: z.string().nullish(),
    phone: z.string().nullish(),
    email: z.string().nullish(),
  })
  .nullable();

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
