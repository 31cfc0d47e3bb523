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

export async function runOperation<TVars extends Record<string, unknown>, TData>(
  admin: AdminClient,
  op: Operation<TVars, TData>,
  variables: TVars,
): Promise<TData> {
  let response: Response;
  try {
    response = await admin.graphql(op.query, { variables });
  } catch (error) {
    // The library throws for HTTP errors (GraphqlQueryError carries body.errors); transport failures land here too.
    const detail = describeThrown(error);
    throw new AdminApiError(`${op.name} failed: ${detail.message}`, op.name, detail.retryable);
  }
  const body = (await response.json().catch(() => null)) as { data?: unknown; errors?: unknown } | null;
  if (!body || typeof body !== "object") {
    throw new AdminApiError(`${op.name} returned a body that is not JSON`, op.name, true);
  }
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
