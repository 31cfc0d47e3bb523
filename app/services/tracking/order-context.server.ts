// Order context for tracking pushes, read from the Admin GraphQL API through the app's admin client.
import { z } from "zod";
import { defineOperation, runOperation, type AdminClient } from "~/shopify/admin-operations.server";
import type { ChannelOrderIdSource, NfeSource } from "~/domain/tracking/shop-tracking-settings";

export const ORDER_CONTEXT_QUERY = `#graphql
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

export const OrderContextOp = defineOperation<
  { id: string; nfeNamespace: string; nfeKey: string; refNamespace: string; refKey: string },
  { order: z.infer<typeof OrderSchema> | null }
>("OrderContext", ORDER_CONTEXT_QUERY, z.object({ order: OrderSchema.nullable() }));

export interface OrderContext {
  id: string;
  name: string;
  /** Candidates for rule matching, most specific first: channel handle, channel name, sourceName. */
  salesChannels: string[];
  tags: string[];
  shippingCountry: string | null;
  channelOrderId: string | null;
  /** The raw NF-e value found at the configured source (metafield / attribute); null when absent. */
  nfeRaw: string | null;
  lineItems: Array<{ sku?: string; title: string; quantity: number }>;
}

export const orderGid = (orderId: string) => (orderId.startsWith("gid://") ? orderId : `gid://shopify/Order/${orderId}`);

/** null when the order does not exist (deleted, or another shop's). Throws AdminApiError on API failures. */
export async function fetchOrderContext(
  admin: AdminClient,
  orderId: string,
  sources: { nfe: NfeSource; channelOrderId: ChannelOrderIdSource },
): Promise<OrderContext | null> {
  const nfeMeta = sources.nfe.kind === "metafield" ? sources.nfe : { namespace: "waypost", key: "nfe_unused" };
  const refMeta = sources.channelOrderId.kind === "metafield" ? sources.channelOrderId : { namespace: "waypost", key: "channel_order_id" };
  const { order } = await runOperation(admin, OrderContextOp, {
    id: orderGid(orderId),
    nfeNamespace: nfeMeta.namespace,
    nfeKey: nfeMeta.key,
    refNamespace: refMeta.namespace,
    refKey: refMeta.key,
  });
  if (!order) return null;
  const attrs = order.customAttributes ?? [];
  const attr = (name: string) => {
    const hit = attrs.find((a) => a.key.trim().toLowerCase() === name.trim().toLowerCase());
    return hit?.value?.trim() || null;
  };
  const def = order.channelInformation?.channelDefinition;
  const salesChannels = [def?.handle, def?.channelName, order.sourceName]
    .filter((s): s is string => !!s && s.trim() !== "")
    .map((s) => s.trim());
  return {
    id: order.id,
    name: order.name,
    salesChannels: [...new Set(salesChannels)],
    tags: order.tags ?? [],
    shippingCountry: order.shippingAddress?.countryCodeV2?.toUpperCase() ?? null,
    channelOrderId:
      sources.channelOrderId.kind === "attribute" ? attr(sources.channelOrderId.name) : order.channelOrderRef?.value?.trim() || null,
    nfeRaw:
      sources.nfe.kind === "metafield"
        ? order.nfe?.value?.trim() || null
        : sources.nfe.kind === "attribute"
          ? attr(sources.nfe.name)
          : null,
    lineItems: (order.lineItems?.nodes ?? []).map((n) => ({ ...(n.sku ? { sku: n.sku } : {}), title: n.title, quantity: n.quantity })),
  };
}
