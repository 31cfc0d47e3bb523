// HTTP plumbing shared by the partner routes (callback, provider API, portal): bounded JSON bodies, PartnerError
// and zod failures as specific 4xx answers, and the portal's cookies (session + pre-session CSRF).
import type { z } from "zod";
import { parseBoundedJson } from "~/lib/bounded-json";
import { AdminApiError } from "~/shopify/admin-operations.server";
import { PartnerError } from "./context.server";

export const MAX_BODY_BYTES = 64 * 1024;

export async function readJsonBody(request: Request): Promise<{ raw: string; value: unknown }> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw new PartnerError("Body too large", 400, "errors.bodyTooLarge");
  const raw = await request.text();
  if (raw.length > MAX_BODY_BYTES) throw new PartnerError("Body too large", 400, "errors.bodyTooLarge");
  const parsed = parseBoundedJson(raw);
  if (!parsed.ok) throw new PartnerError(`The body ${parsed.reason}`, 400, "errors.invalidJson");
  return { raw, value: parsed.value };
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new PartnerError(parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "), 422, "errors.invalidRequest");
  return parsed.data;
}

/** `code` is stable for API clients to branch on; `error` is English for people reading logs. */
export const jsonError = (status: number, message: string, code?: string) =>
  Response.json(code ? { error: message, code } : { error: message }, { status, headers: { "cache-control": "no-store" } });

/** Runs a handler, turning a PartnerError into its status with the message; anything else is rethrown. */
export async function answering(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof PartnerError) return jsonError(error.status, error.message, error.code);
    // Shopify unreachable or throttled: the caller (Shopify's ping, a provider's client) should try again.
    if (error instanceof AdminApiError) return jsonError(503, `Shopify is not answering; try again shortly (${error.operation})`, "shopify_unavailable");
    throw error;
  }
}

// --- Portal cookies -----------------------------------------------------------------------------------------
export const SESSION_COOKIE = "wp_portal";
export const PRE_CSRF_COOKIE = "wp_portal_csrf";

export function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

export function cookie(name: string, value: string, opts: { secure: boolean; maxAgeSeconds: number }) {
  return `${name}=${encodeURIComponent(value)}; Path=/partners; HttpOnly; SameSite=Lax; Max-Age=${opts.maxAgeSeconds}${opts.secure ? "; Secure" : ""}`;
}

/** The client address for rate limiting: the first X-Forwarded-For hop behind a proxy, else "unknown". */
export function clientAddress(request: Request): string {
  return (request.headers.get("x-forwarded-for") ?? "").split(",")[0]!.trim().slice(0, 64) || "local";
}
