// Order context for tracking pushes, read from the Admin GraphQL API through the app's admin client.
import { runOperation, type AdminClient } from "~/shopify/admin-operations.server";
import { OrderContextQuery } from "~/shopify/graphql/order-context";
import type { ChannelOrderIdSource, NfeSource } from "~/domain/tracking/shop-tracking-settings";

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

const orderGid = (orderId: string) => (orderId.startsWith("gid://") ? orderId : `gid://shopify/Order/${orderId}`);

/** null when the order does not exist (deleted, or another shop's). Throws AdminApiError on API failures. */
export async function fetchOrderContext(
  admin: AdminClient,
  orderId: string,
  sources: { nfe: NfeSource; channelOrderId: ChannelOrderIdSource },
): Promise<OrderContext | null> {
  const nfeMeta = sources.nfe.kind === "metafield" ? sources.nfe : { namespace: "waypost", key: "nfe_unused" };
  const refMeta = sources.channelOrderId.kind === "metafield" ? sources.channelOrderId : { namespace: "waypost", key: "channel_order_id" };
  const { order } = await runOperation(admin, OrderContextQuery, {
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
