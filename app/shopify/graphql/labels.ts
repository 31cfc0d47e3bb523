// Admin operations of the label flow: open fulfillment orders to pick from, and the fulfillment each bought label
// creates, re-tracks (void & re-ship) or cancels (void).
import { z } from "zod";
import { defineOperation } from "../admin-operations.server";
import { UserErrorsSchema } from "../user-errors";
import { FulfillmentDestinationSchema, FulfillmentResultSchema } from "./fulfillment";

const Destination = FulfillmentDestinationSchema;

const FulfillmentOrderNode = z.object({
  id: z.string(),
  status: z.string(),
  requestStatus: z.string(),
  order: z.object({
    id: z.string(),
    name: z.string(),
    sourceName: z.string().nullish(),
    shippingLine: z.object({ code: z.string().nullish(), title: z.string(), originalPriceSet: z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) }) }).nullish(),
  }),
  destination: Destination,
  assignedLocation: z.object({ name: z.string().nullish(), address1: z.string().nullish(), address2: z.string().nullish(), city: z.string().nullish(), province: z.string().nullish(), zip: z.string().nullish(), countryCode: z.string(), phone: z.string().nullish() }),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        sku: z.string().nullish(),
        productTitle: z.string(),
        remainingQuantity: z.number().int(),
        weight: z.object({ unit: z.string(), value: z.number() }).nullish(),
        // Customs: the variant's HS code and origin as Shopify knows them (Waypost's product data wins), and the unit price.
        variant: z.object({ id: z.string(), inventoryItem: z.object({ harmonizedSystemCode: z.string().nullish(), countryCodeOfOrigin: z.string().nullish() }).nullish() }).nullish(),
        originalUnitPriceSet: z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) }).nullish(),
      }),
    ),
  }),
});
export type FulfillmentOrderNode = z.infer<typeof FulfillmentOrderNode>;

const OpenResult = z.object({ fulfillmentOrders: z.object({ nodes: z.array(FulfillmentOrderNode), pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }) }) });

/** Open fulfillment orders the merchant fulfils itself (request status UNSUBMITTED: no fulfillment service involved). */
export const OpenFulfillmentOrders = defineOperation<{ first: number; after?: string | null; query: string }, z.infer<typeof OpenResult>>(
  "OpenFulfillmentOrders",
  `#graphql
  query OpenFulfillmentOrders($first: Int!, $after: String, $query: String!) {
    fulfillmentOrders(first: $first, after: $after, query: $query) {
      nodes {
        id status requestStatus
        order { id name sourceName shippingLine { code title originalPriceSet { shopMoney { amount currencyCode } } } }
        destination { firstName lastName company address1 address2 city province zip countryCode phone email }
        assignedLocation { name address1 address2 city province zip countryCode phone }
        lineItems(first: 50) {
          nodes {
            id sku productTitle remainingQuantity weight { unit value }
            variant { id inventoryItem { harmonizedSystemCode countryCodeOfOrigin } }
            originalUnitPriceSet { shopMoney { amount currencyCode } }
          }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  OpenResult,
);

const FulfillmentResult = FulfillmentResultSchema;

const TrackingResult = z.object({ fulfillmentTrackingInfoUpdate: z.object({ fulfillment: FulfillmentResult, userErrors: UserErrorsSchema }) });
export const FulfillmentTrackingInfoUpdate = defineOperation<
  { fulfillmentId: string; trackingInfoInput: { number: string; url: string; company: string }; notifyCustomer: boolean },
  z.infer<typeof TrackingResult>
>(
  "FulfillmentTrackingInfoUpdate",
  `#graphql
  mutation FulfillmentTrackingInfoUpdate($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!, $notifyCustomer: Boolean) {
    fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput, notifyCustomer: $notifyCustomer) {
      fulfillment { id status }
      userErrors { field message }
    }
  }`,
  TrackingResult,
);

const CancelResult = z.object({ fulfillmentCancel: z.object({ fulfillment: FulfillmentResult, userErrors: UserErrorsSchema }) });
export const FulfillmentCancel = defineOperation<{ id: string }, z.infer<typeof CancelResult>>(
  "FulfillmentCancel",
  `#graphql
  mutation FulfillmentCancel($id: ID!) {
    fulfillmentCancel(id: $id) {
      fulfillment { id status }
      userErrors { field message }
    }
  }`,
  CancelResult,
);
