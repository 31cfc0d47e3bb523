// Fulfillment-service operations for 3PL partner links (docs/3pl.md): the service (a location) per active link,
// the fulfillment orders Shopify assigns to it, the request/cancellation answers, moves back to the merchant and
// the fulfillment with tracking when the provider ships. Shapes follow Admin API 2025-10 (contracts.md §B6).
import { z } from "zod";
import { defineOperation } from "../admin-operations.server";
import { UserErrorsSchema } from "../user-errors";
import { FulfillmentDestinationSchema } from "./fulfillment";
import type { RejectionReason } from "./rejection-reasons";

export const FULFILLMENT_ORDER_FIELDS = `
  id orderId orderName status requestStatus
  assignedLocation { name location { id } }
  destination { firstName lastName company address1 address2 city province zip countryCode phone email }
  deliveryMethod { methodType serviceCode presentedName }
  lineItems(first: 50) { nodes { id sku productTitle totalQuantity remainingQuantity } }`;

export const FulfillmentOrderSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  orderName: z.string(),
  status: z.string(),
  requestStatus: z.string(),
  assignedLocation: z.object({ name: z.string(), location: z.object({ id: z.string() }).nullable() }),
  destination: FulfillmentDestinationSchema,
  deliveryMethod: z.object({ methodType: z.string(), serviceCode: z.string().nullish(), presentedName: z.string().nullish() }).nullable(),
  lineItems: z.object({
    nodes: z.array(z.object({ id: z.string(), sku: z.string().nullish(), productTitle: z.string(), totalQuantity: z.number().int(), remainingQuantity: z.number().int() })),
  }),
});
export type ShopifyFulfillmentOrder = z.infer<typeof FulfillmentOrderSchema>;

const ServiceResult = z.object({
  fulfillmentServiceCreate: z.object({
    fulfillmentService: z.object({ id: z.string(), serviceName: z.string(), location: z.object({ id: z.string() }).nullable() }).nullable(),
    userErrors: UserErrorsSchema,
  }),
});

export const FulfillmentServiceCreate = defineOperation<{ name: string; callbackUrl: string }, z.infer<typeof ServiceResult>>(
  "FulfillmentServiceCreate",
  `#graphql
  mutation FulfillmentServiceCreate($name: String!, $callbackUrl: URL) {
    fulfillmentServiceCreate(name: $name, callbackUrl: $callbackUrl, trackingSupport: false, inventoryManagement: false, requiresShippingMethod: true) {
      fulfillmentService { id serviceName location { id } }
      userErrors { field message }
    }
  }`,
  ServiceResult,
);

export const INVENTORY_ACTIONS = ["TRANSFER", "KEEP", "DELETE"] as const;
export type InventoryAction = (typeof INVENTORY_ACTIONS)[number];

const DeleteResult = z.object({ fulfillmentServiceDelete: z.object({ deletedId: z.string().nullable(), userErrors: UserErrorsSchema }) });

export const FulfillmentServiceDelete = defineOperation<
  { id: string; inventoryAction: InventoryAction; destinationLocationId?: string },
  z.infer<typeof DeleteResult>
>(
  "FulfillmentServiceDelete",
  `#graphql
  mutation FulfillmentServiceDelete($id: ID!, $inventoryAction: FulfillmentServiceDeleteInventoryAction, $destinationLocationId: ID) {
    fulfillmentServiceDelete(id: $id, inventoryAction: $inventoryAction, destinationLocationId: $destinationLocationId) {
      deletedId
      userErrors { field message }
    }
  }`,
  DeleteResult,
);

const AssignedResult = z.object({
  assignedFulfillmentOrders: z.object({
    nodes: z.array(FulfillmentOrderSchema),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  }),
});

export const AssignedFulfillmentOrders = defineOperation<
  { assignmentStatus: "FULFILLMENT_REQUESTED" | "CANCELLATION_REQUESTED" | "FULFILLMENT_ACCEPTED" | "FULFILLMENT_UNSUBMITTED"; locationIds: string[]; after?: string },
  z.infer<typeof AssignedResult>
>(
  "AssignedFulfillmentOrders",
  `#graphql
  query AssignedFulfillmentOrders($assignmentStatus: FulfillmentOrderAssignmentStatus, $locationIds: [ID!], $after: String) {
    assignedFulfillmentOrders(first: 25, after: $after, assignmentStatus: $assignmentStatus, locationIds: $locationIds) {
      nodes { ${FULFILLMENT_ORDER_FIELDS} }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  AssignedResult,
);

const FoAnswer = z.object({ fulfillmentOrder: z.object({ id: z.string(), status: z.string(), requestStatus: z.string() }).nullable(), userErrors: UserErrorsSchema });

export const AcceptFulfillmentRequest = defineOperation<{ id: string; message?: string }, { fulfillmentOrderAcceptFulfillmentRequest: z.infer<typeof FoAnswer> }>(
  "AcceptFulfillmentRequest",
  `#graphql
  mutation AcceptFulfillmentRequest($id: ID!, $message: String) {
    fulfillmentOrderAcceptFulfillmentRequest(id: $id, message: $message) {
      fulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }`,
  z.object({ fulfillmentOrderAcceptFulfillmentRequest: FoAnswer }),
);


export const RejectFulfillmentRequest = defineOperation<
  { id: string; message?: string; reason: RejectionReason },
  { fulfillmentOrderRejectFulfillmentRequest: z.infer<typeof FoAnswer> }
>(
  "RejectFulfillmentRequest",
  `#graphql
  mutation RejectFulfillmentRequest($id: ID!, $message: String, $reason: FulfillmentOrderRejectionReason) {
    fulfillmentOrderRejectFulfillmentRequest(id: $id, message: $message, reason: $reason) {
      fulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }`,
  z.object({ fulfillmentOrderRejectFulfillmentRequest: FoAnswer }),
);

export const AcceptCancellationRequest = defineOperation<{ id: string; message?: string }, { fulfillmentOrderAcceptCancellationRequest: z.infer<typeof FoAnswer> }>(
  "AcceptCancellationRequest",
  `#graphql
  mutation AcceptCancellationRequest($id: ID!, $message: String) {
    fulfillmentOrderAcceptCancellationRequest(id: $id, message: $message) {
      fulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }`,
  z.object({ fulfillmentOrderAcceptCancellationRequest: FoAnswer }),
);

export const RejectCancellationRequest = defineOperation<{ id: string; message?: string }, { fulfillmentOrderRejectCancellationRequest: z.infer<typeof FoAnswer> }>(
  "RejectCancellationRequest",
  `#graphql
  mutation RejectCancellationRequest($id: ID!, $message: String) {
    fulfillmentOrderRejectCancellationRequest(id: $id, message: $message) {
      fulfillmentOrder { id status requestStatus }
      userErrors { field message }
    }
  }`,
  z.object({ fulfillmentOrderRejectCancellationRequest: FoAnswer }),
);

const MoveResult = z.object({
  fulfillmentOrderMove: z.object({
    movedFulfillmentOrder: z.object({ id: z.string(), assignedLocation: z.object({ location: z.object({ id: z.string() }).nullable() }) }).nullable(),
    userErrors: UserErrorsSchema,
  }),
});

export const FulfillmentOrderMove = defineOperation<{ id: string; newLocationId: string }, z.infer<typeof MoveResult>>(
  "FulfillmentOrderMove",
  `#graphql
  mutation FulfillmentOrderMove($id: ID!, $newLocationId: ID!) {
    fulfillmentOrderMove(id: $id, newLocationId: $newLocationId) {
      movedFulfillmentOrder { id assignedLocation { location { id } } }
      userErrors { field message }
    }
  }`,
  MoveResult,
);


const LocationsResult = z.object({
  locations: z.object({ nodes: z.array(z.object({ id: z.string(), name: z.string(), isActive: z.boolean(), fulfillmentService: z.object({ id: z.string() }).nullable() })) }),
});

/** The shop's own (merchant-managed) locations are those without a fulfillment service. */
export const ShopLocations = defineOperation<Record<string, never>, z.infer<typeof LocationsResult>>(
  "ShopLocations",
  `#graphql
  query ShopLocations {
    locations(first: 50) { nodes { id name isActive fulfillmentService { id } } }
  }`,
  LocationsResult,
);
