// The Admin API client for background work (tracking worker, inbound events), which has no request to
// authenticate: the shop's offline token from session storage, sent with graphql-request. Requests go through
// the Shopify runtime's fetch, the same seam the library's own client uses (tests point it at the fake).
import { abstractFetch } from "@shopify/shopify-api/runtime";
import { ClientError, GraphQLClient } from "graphql-request";
import type { AdminClient } from "./admin-operations.server";

interface OfflineAdminOptions {
  apiVersion: string;
  fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
}

/** A client for one shop and token; answers in the shape `runOperation` reads. */
export function offlineAdminClient(shop: string, accessToken: string, opts: OfflineAdminOptions): AdminClient {
  const client = new GraphQLClient(`https://${shop}/admin/api/${opts.apiVersion}/graphql.json`, {
    headers: { "X-Shopify-Access-Token": accessToken },
    fetch: opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => abstractFetch(input as never, init as never) as Promise<Response>),
  });
  return {
    async graphql(query, options) {
      try {
        const { data, errors, extensions } = await client.rawRequest(query, options?.variables);
        // extensions.cost (query cost and throttle status) is kept: the tracking planner paces its batches by it.
        return Response.json({ data, ...(errors ? { errors } : {}), ...(extensions ? { extensions } : {}) });
      } catch (error) {
        if (!(error instanceof ClientError)) throw error;
        const { status, data, errors, extensions } = error.response as typeof error.response & { extensions?: unknown };
        // GraphQL errors on a 200 are answers (runOperation reports them); anything else failed in transport.
        if (status === 200) return Response.json({ data, errors, ...(extensions ? { extensions } : {}) });
        throw Object.assign(new Error(`Admin API answered HTTP ${status}`), { response: { code: status }, body: { errors } });
      }
    },
  };
}

/** Clients are reused for a short while: building one loads the offline session from the database. */
const TTL_MS = 30_000;
const clients = new Map<string, { at: number; client: Promise<AdminClient> }>();

export async function adminFor(shop: string): Promise<AdminClient> {
  const hit = clients.get(shop);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.client;
  const client = (async () => {
    const { apiVersion, sessionStorage } = await import("~/shopify.server");
    const session = await sessionStorage.loadSession(`offline_${shop}`);
    if (!session?.accessToken) throw new Error(`No offline session for ${shop}; the app must be installed again`);
    return offlineAdminClient(shop, session.accessToken, { apiVersion });
  })();
  clients.set(shop, { at: Date.now(), client });
  client.catch(() => clients.delete(shop));
  return client;
}
