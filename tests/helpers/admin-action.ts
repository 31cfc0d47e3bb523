// Calls an admin route's loader or action as the embedded admin would: a session-token request, a form body.
import { BROWSER_UA, sessionToken } from "./shopify";

/** A DNS stub: every name resolves to a public documentation address, so nothing leaves loopback. */
export const publicLookup = async () => ["93.184.216.34"];

export function adminRequest(shop: string, path: string, form?: Record<string, string>, contentType = "application/x-www-form-urlencoded") {
  const headers: Record<string, string> = { Authorization: `Bearer ${sessionToken(shop)}`, "User-Agent": BROWSER_UA };
  if (form) headers["Content-Type"] = contentType;
  const body = form ? (contentType.includes("json") ? JSON.stringify(form) : new URLSearchParams(form).toString()) : undefined;
  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, { method: form ? "POST" : "GET", headers, body });
}

type RouteFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;

export function adminCaller(shop: string, context: Record<string, unknown> = { lookup: publicLookup }) {
  return async (fn: unknown, path: string, form?: Record<string, string>, contentType?: string) => {
    const res = await (fn as RouteFn)({ request: adminRequest(shop, path, form, contentType), params: {}, context });
     
    return { status: res.status, body: (await res.json()) as any };
  };
}
