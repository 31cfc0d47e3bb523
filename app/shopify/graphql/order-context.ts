// What tracking pushes need to know about an order: name, sales channel, tags, destination, the configured NF-e
// and marketplace-order-id sources (metafields or note attributes), and line items.
import { z } from "zod";
import { defineOperation } from "../admin-operations.server";

const QUERY = `#graphql
query OrderContext($id: ID!, $nfeNamespace: String!, $nfeKey: String!, $refNamespace: String!, $refKey: String!) {
  order(id: $id) {
    id
    name
    sourceName
    tags
    channelInformation { channelDefinition { handle channelName } }
    shippingAddress { countryCodeV2 }
    customAttributes { key value }
    nfe: metafield(namespace: $nfeNamespace, key: $nfeKey) { value }
    channelOrderRef: metafield(namespace: $refNamespace, key: $refKey) { value }
    lineItems(first: 50) { nodes { sku title quantity } }
  }
}`;

const value = z.object({ value: z.string().nullish() }).nullish();

const OrderSchema = z.object({
  id: z.string(),
  name: z.string(),
  sourceName: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  channelInformation: z
    .object({ channelDefinition: z.object({ handle: z.string().nullish(), channelName: z.string().nullish() }).nullish() })
    .nullish(),
  shippingAddress: z.object({ countryCodeV2: z.string().nullish() }).nullish(),
  customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullish() })).nullish(),
  nfe: value,
  channelOrderRef: value,
  lineItems: z.object({ nodes: z.array(z.object({ sku: z.string().nullish(), title: z.string(), quantity: z.number() })) }).nullish(),
});

/**
 * Many orders in one request (the planner's batches). Same selection as OrderContext; Shopify answers null for
 * an id that is not an order of this shop. Requested cost per order: about 9 objects + lineItems(first: 50)
 * (2 + 50) — see ORDER_CONTEXT_COST in app/services/tracking/order-context.server.ts.
 */
const BATCH_QUERY = `#graphql
query OrderContexts($ids: [ID!]!, $nfeNamespace: String!, $nfeKey: String!, $refNamespace: String!, $refKey: String!) {
  nodes(ids: $ids) {
    ... on Order {
      id
      name
      sourceName
      tags
      channelInformation { channelDefinition { handle channelName } }
      shippingAddress { countryCodeV2 }
      customAttributes { key value }
      nfe: metafield(namespace: $nfeNamespace, key: $nfeKey) { value }
      channelOrderRef: metafield(namespace: $refNamespace, key: $refKey) { value }
      lineItems(first: 50) { nodes { sku title quantity } }
    }
  }
}`;

export type OrderNode = z.infer<typeof OrderSchema>;

/** A node that is not an order (or a foreign id) comes back as null or an empty object. */
export const OrderContextsResult = z.object({
  nodes: z.array(z.union([OrderSchema, z.object({}).strict(), z.null()])),
});

export const OrderContextsOperation = { name: "OrderContexts", query: BATCH_QUERY };

export const OrderContextQuery = defineOperation<
  { id: string; nfeNamespace: string; nfeKey: string; refNamespace: string; refKey: string },
  { order: z.infer<typeof OrderSchema> | null }
>("OrderContext", QUERY, z.object({ order: OrderSchema.nullable() }));
