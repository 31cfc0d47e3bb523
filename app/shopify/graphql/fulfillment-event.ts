// Records a carrier tracking event on a fulfillment (shown to the buyer on the order status page).
import { z } from "zod";
import type { FulfillmentEventStatus } from "~/domain/tracking/status-map";
import { defineOperation } from "../admin-operations.server";
import { UserErrorsSchema } from "../user-errors";

const Result = z.object({
  fulfillmentEventCreate: z.object({
    fulfillmentEvent: z.object({ id: z.string(), status: z.string() }).nullable(),
    userErrors: UserErrorsSchema,
  }),
});

export const FulfillmentEventCreate = defineOperation<
  { fulfillmentEvent: { fulfillmentId: string; status: FulfillmentEventStatus; happenedAt?: string; message?: string } },
  z.infer<typeof Result>
>(
  "FulfillmentEventCreate",
  `#graphql
  mutation FulfillmentEventCreate($fulfillmentEvent: FulfillmentEventInput!) {
    fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {
      fulfillmentEvent { id status }
      userErrors { field message }
    }
  }`,
  Result,
);
