// Named Admin GraphQL operations run through the library's admin client (never a second Shopify client).
// Top-level GraphQL errors and transport failures throw AdminApiError; mutation userErrors are returned as data,
// because the caller must show them to the merchant rather than swallow them.
import type { z } from "zod";

export interface AdminClient {
  graphql: (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;
}

export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

export class AdminApiError extends Error {
  override name = "AdminApiError";
  constructor(
    message: string,
    readonly operation: string,
    readonly retryable: boolean,
    /** Shopify answered THROTTLED: how long until its query-cost bucket holds what the query asked for. */
    readonly throttledForMs?: number,
  ) {
    super(message);
  }
}

interface Operation<TVars, TData> {
  name: string;
  query: string;
  result: z.ZodType<TData>;
  /** Only for type inference of variables. */
  variables?: TVars;
}

export function defineOperation<TVars, TData>(name: string, query: string, result: z.ZodType<TData>) {
  return { name, query, result } as Operation<TVars, TData>;
}

/**
 * How a query waits out Shopify's throttle: a THROTTLED answer says, in extensions.cost, what the query asked
 * for and what the bucket holds and restores per second, so the query is retried once that many points are back
 * (as the tracking planner paces its batches), until waiting longer would pass `maxWaitMs` in all.
 */
export interface ThrottleWait {
  maxWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runOperation<TVars extends Record<string, unknown>, TData>(
  admin: AdminClient,
  op: Operation<TVars, TData>,
  variables: TVars,
  opts: { throttle?: ThrottleWait } = {},
): Promise<TData> {
  for (let waited = 0; ; ) {
    try {
      return await runOnce(admin, op, variables);
    } catch (error) {
      const wait = error instanceof AdminApiError ? error.throttledForMs : undefined;
      if (wait === undefined || !opts.throttle || waited + wait > opts.throttle.maxWaitMs) throw error;
      await (opts.throttle.sleep ?? defaultSleep)(wait);
      waited += wait;
    }
  }
}

interface CostExtensions {
  cost?: { requestedQueryCost?: number; throttleStatus?: { currentlyAvailable: number; restoreRate: number } };
}

/**
 * Milliseconds until the bucket holds the throttled query's cost, or undefined when the answer is not THROTTLED.
 * `body` is the answer (errors as a list) or the library's thrown error body (errors.graphQLErrors).
 */
export function throttledForMs(body: unknown): number | undefined {
  const b = body as { errors?: unknown; extensions?: CostExtensions } | null | undefined;
  const errors = Array.isArray(b?.errors) ? b.errors : (b?.errors as { graphQLErrors?: unknown } | undefined)?.graphQLErrors;
  if (!Array.isArray(errors) || !errors.some((e) => (e as { extensions?: { code?: string } })?.extensions?.code === "THROTTLED")) return undefined;
  const cost = b?.extensions?.cost;
  const status = cost?.throttleStatus;
  if (!status || typeof cost?.requestedQueryCost !== "number") return 1_000;
  const missing = cost.requestedQueryCost - status.currentlyAvailable;
  // A little over the exact time: Shopify reports whole points, and an answer a moment early is throttled again.
  return Math.max(0, Math.ceil((missing / Math.max(1, status.restoreRate)) * 1000)) + 50;
}

async function runOnce<TVars extends Record<string, unknown>, TData>(admin: AdminClient, op: Operation<TVars, TData>, variables: TVars): Promise<TData> {
  let response: Response;
  try {
    response = await admin.graphql(op.query, { variables });
  } catch (error) {
    // The library throws for HTTP errors (GraphqlQueryError carries body.errors); transport failures land here too.
    const throttled = throttledForMs((error as { body?: unknown })?.body);
    if (throttled !== undefined) throw new AdminApiError(`${op.name} was throttled by Shopify`, op.name, true, throttled);
    const detail = describeThrown(error);
    throw new AdminApiError(`${op.name} failed: ${detail.message}`, op.name, detail.retryable);
  }
  const body = (await response.json().catch(() => null)) as { data?: unknown; errors?: unknown; extensions?: CostExtensions } | null;
  if (!body || typeof body !== "object") {
    throw new AdminApiError(`${op.name} returned a body that is not JSON`, op.name, true);
  }
  const throttled = throttledForMs(body);
  if (throttled !== undefined) throw new AdminApiError(`${op.name} was throttled by Shopify`, op.name, true, throttled);
  if (body.errors) {
    throw new AdminApiError(`${op.name} returned errors: ${JSON.stringify(body.errors)}`, op.name, false);
  }
  const parsed = op.result.safeParse(body.data);
  if (!parsed.success) {
    throw new AdminApiError(`${op.name} returned an unexpected shape: ${parsed.error.message}`, op.name, false);
  }
  return parsed.data;
}

function describeThrown(error: unknown): { message: string; retryable: boolean } {
  const e = error as { message?: string; response?: { code?: number }; body?: { errors?: unknown } };
  const status = e?.response?.code;
  const message = e?.body?.errors ? JSON.stringify(e.body.errors) : (e?.message ?? String(error));
  const retryable = status === undefined || status === 429 || status >= 500;
  return { message: status ? `HTTP ${status}: ${message}` : message, retryable };
}

export function formatUserErrors(errors: UserError[]): string {
  return errors.map((e) => (e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message)).join("; ");
}
