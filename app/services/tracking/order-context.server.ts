// Order context for tracking pushes, read from the Admin GraphQL API through the app's admin client.
import { AdminApiError, runOperation, type AdminClient } from "~/shopify/admin-operations.server";
import { OrderContextQuery, OrderContextsOperation, OrderContextsResult, type OrderNode } from "~/shopify/graphql/order-context";
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
  const { order } = await runOperation(admin, OrderContextQuery, { id: orderGid(orderId), ...metafieldVariables(sources) });
  return order ? toOrderContext(order, sources) : null;
}

type Sources = { nfe: NfeSource; channelOrderId: ChannelOrderIdSource };

function metafieldVariables(sources: Sources) {
  const nfeMeta = sources.nfe.kind === "metafield" ? sources.nfe : { namespace: "waypost", key: "nfe_unused" };
  const refMeta = sources.channelOrderId.kind === "metafield" ? sources.channelOrderId : { namespace: "waypost", key: "channel_order_id" };
  return { nfeNamespace: nfeMeta.namespace, nfeKey: nfeMeta.key, refNamespace: refMeta.namespace, refKey: refMeta.key };
}

function toOrderContext(order: OrderNode, sources: Sources): OrderContext {
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

// ---------------------------------------------------------------------------------------------------------------
// Batched reads: one nodes(ids:) query for many orders, paced by Shopify's query cost and throttle status.

/** Requested cost of one order in OrderContexts: ~9 objects + lineItems(first: 50) = 2 + 50 (Shopify's rules). */
export const ORDER_CONTEXT_COST = 61;
/** Shopify rejects a single query whose requested cost exceeds 1,000 points (MAX_COST_EXCEEDED). */
export const MAX_QUERY_COST = 1_000;
export const ORDERS_PER_QUERY = Math.floor(MAX_QUERY_COST / ORDER_CONTEXT_COST);
/** Batches of one shop sent at once (each reserves its requested cost from the shop's bucket first). */
const PARALLEL_BATCHES = 4;
const MAX_THROTTLED_RETRIES = 5;

interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** What we last heard of a shop's leaky bucket, and when; reserved = requested cost of queries still running. */
interface Bucket {
  status: ThrottleStatus;
  at: number;
  reserved: number;
}

const buckets = new Map<string, Bucket>();

interface BatchOptions {
  /** Per-shop throttle state is kept under this key (the shop's domain). */
  shop: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Points available now by the last throttle status, restored at restoreRate since, minus what is in flight. */
export function availablePoints(b: Bucket, now: number): number {
  const restored = b.status.currentlyAvailable + (b.status.restoreRate * (now - b.at)) / 1000;
  return Math.min(b.status.maximumAvailable, restored) - b.reserved;
}

/** How long to wait before spending `cost` points (0 when the bucket has them or nothing is known yet). */
export function waitForPoints(b: Bucket | undefined, cost: number, now: number): number {
  if (!b) return 0;
  const missing = cost - availablePoints(b, now);
  if (missing <= 0) return 0;
  return Math.ceil((missing / Math.max(1, b.status.restoreRate)) * 1000);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Order contexts for many orders: ids in batches of ORDERS_PER_QUERY (within the 1,000-point single-query limit),
 * up to PARALLEL_BATCHES at once, each waiting until the shop's bucket (extensions.cost.throttleStatus of the
 * previous answers) has its requested cost; a THROTTLED answer waits for the points and is retried. The map has
 * null for an order that does not exist. Throws AdminApiError when a batch cannot be read.
 */
export async function fetchOrderContexts(admin: AdminClient, orderIds: readonly string[], sources: Sources, opts: BatchOptions): Promise<Map<string, OrderContext | null>> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const ids = [...new Set(orderIds)];
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += ORDERS_PER_QUERY) chunks.push(ids.slice(i, i + ORDERS_PER_QUERY));
  const out = new Map<string, OrderContext | null>();
  const variables = metafieldVariables(sources);

  const runChunk = async (chunk: string[]) => {
    const cost = chunk.length * ORDER_CONTEXT_COST;
    for (let attempt = 0; ; attempt++) {
      for (let wait = waitForPoints(buckets.get(opts.shop), cost, now()); wait > 0; wait = waitForPoints(buckets.get(opts.shop), cost, now())) await sleep(wait);
      const bucket = buckets.get(opts.shop);
      if (bucket) bucket.reserved += cost;
      let body: { data?: unknown; errors?: Array<{ message?: string; extensions?: { code?: string } }>; extensions?: { cost?: { throttleStatus?: ThrottleStatus } } } | null;
      try {
        const response = await admin.graphql(OrderContextsOperation.query, { variables: { ids: chunk.map(orderGid), ...variables } });
        body = (await response.json().catch(() => null)) as typeof body;
      } catch (error) {
        throw new AdminApiError(`OrderContexts failed: ${(error as Error).message}`, "OrderContexts", true);
      } finally {
        if (bucket) bucket.reserved -= cost;
      }
      const status = body?.extensions?.cost?.throttleStatus;
      if (status) {
        const current = buckets.get(opts.shop);
        if (current) Object.assign(current, { status, at: now() });
        else buckets.set(opts.shop, { status, at: now(), reserved: 0 });
      }
      const throttled = body?.errors?.some((e) => e.extensions?.code === "THROTTLED");
      if (throttled && attempt < MAX_THROTTLED_RETRIES) {
        if (!status) await sleep(1000);
        continue;
      }
      if (!body || typeof body !== "object") throw new AdminApiError("OrderContexts returned a body that is not JSON", "OrderContexts", true);
      if (body.errors) throw new AdminApiError(`OrderContexts returned errors: ${JSON.stringify(body.errors)}`, "OrderContexts", !!throttled);
      const parsed = OrderContextsResult.safeParse(body.data);
      if (!parsed.success) throw new AdminApiError(`OrderContexts returned an unexpected shape: ${parsed.error.message}`, "OrderContexts", false);
      chunk.forEach((id, i) => {
        const node = parsed.data.nodes[i];
        out.set(id, node && "id" in node ? toOrderContext(node as OrderNode, sources) : null);
      });
      return;
    }
  };

  const queue = [...chunks];
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL_BATCHES, queue.length) }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) await runChunk(c);
    }),
  );
  return out;
}

/** Forget throttle state (tests). */
export function resetThrottleState() {
  buckets.clear();
}
