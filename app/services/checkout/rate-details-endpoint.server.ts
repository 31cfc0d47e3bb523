// The checkout extension's backend (POST /api/checkout/rate-details) over a given store; the route file binds it to
// the rating service's store, so the callback and the route share one store without a module-level setter.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { env } from "~/env.server";
import { logger } from "~/lib/logger.server";
import { findRateDetails, type RateDetailsStore, type WireRateDetails } from "./rate-details.server";

export const MAX_BODY_BYTES = 32 * 1024;

export const RateDetailsRequest = z.strictObject({
  country: z.string().regex(/^[A-Za-z]{2}$/, "an ISO 3166-1 alpha-2 country code").transform((c) => c.toUpperCase()),
  lines: z
    .array(
      z.strictObject({
        variantId: z.union([z.string().regex(/^(gid:\/\/shopify\/ProductVariant\/)?\d{1,20}$/, "a ProductVariant gid or numeric id"), z.number().int().positive()]),
        quantity: z.number().int().min(1).max(100_000),
      }),
    )
    .min(1)
    .max(250),
  code: z.string().min(1).max(128).optional(),
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** The session token's shop: checkout tokens carry `dest` as a bare domain, admin tokens as a URL. */
function shopOf(dest: unknown): string | null {
  if (typeof dest !== "string" || dest.length > 255) return null;
  try {
    const host = new URL(dest.includes("://") ? dest : `https://${dest}`).hostname;
    return /^[a-z0-9][a-z0-9.-]*$/.test(host) ? host : null;
  } catch {
    return null;
  }
}

/** The body as text, or null past MAX_BODY_BYTES: stops reading there, whether or not Content-Length was sent. */
async function readBounded(request: Request): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function authenticated(request: Request) {
  try {
    return await authenticate.public.checkout(request);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    // The library's 401 has no CORS headers, so the browser would report a network error instead; add them.
    if (!thrown.headers.has("Access-Control-Allow-Origin")) thrown.headers.set("Access-Control-Allow-Origin", "*");
    throw thrown;
  }
}

/** OPTIONS (the CORS preflight; Remix routes it to the loader) is answered by authenticate; GET is not served. */
export const rateDetailsLoader = async ({ request }: LoaderFunctionArgs) => {
  const { cors } = await authenticated(request);
  return cors(json({ error: "use POST" }, 405));
};

/**
 * The route's action over a given store. Production reads the rating service's store, the one the rate callback
 * writes (no module-level setter); tests pass the store of the rating service they built.
 */
export function rateDetailsAction(store: () => RateDetailsStore) {
  return ({ request }: ActionFunctionArgs) => answer(request, store);
}

async function answer(request: Request, store: () => RateDetailsStore) {
  const { sessionToken, cors } = await authenticated(request);
  if (request.method !== "POST") return cors(json({ error: "use POST" }, 405));
  // authenticate.public.checkout skips the audience check; a token minted for another app must not pass.
  if (sessionToken.aud !== env().SHOPIFY_API_KEY) return cors(json({ error: "session token is for another app" }, 401));
  const shop = shopOf(sessionToken.dest);
  if (!shop) return cors(json({ error: "session token has no shop (dest)" }, 401));

  const text = await readBounded(request);
  if (text === null) return cors(json({ error: `body larger than ${MAX_BODY_BYTES} bytes` }, 413));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return cors(json({ error: "body is not JSON" }, 400));
  }
  const parsed = RateDetailsRequest.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
    return cors(json({ error: "invalid request", issues }, 400));
  }
  let rates: WireRateDetails[] = [];
  try {
    rates = await findRateDetails({ shop, ...parsed.data }, store());
  } catch (error) {
    // A store outage (Redis in scale-out) must not become a 5xx: the extension then shows nothing.
    logger.warn("rate details unavailable", { shop, error: error instanceof Error ? error.message : String(error) });
  }
  return cors(json({ rates }));
};
