// What carriers get from the environment: Waypost's own developer apps at each carrier and base-URL overrides
// (the demo and tests point them at loopback fakes). Read once from the validated env; never from process.env.
import type { Env } from "~/env.server";
import type { SharedCarrierDeps } from "./rating/compile";

export function carrierDepsFromEnv(env: Env, over: Partial<SharedCarrierDeps> = {}): SharedCarrierDeps {
  const baseUrls: Record<string, string> = {};
  const appCredentials: Record<string, { clientId: string; clientSecret: string }> = {};
  if (env.UPS_BASE_URL) baseUrls.ups = env.UPS_BASE_URL;
  if (env.USPS_API_URL) baseUrls.usps = env.USPS_API_URL;
  if (env.UPS_CLIENT_ID && env.UPS_CLIENT_SECRET) appCredentials.ups = { clientId: env.UPS_CLIENT_ID, clientSecret: env.UPS_CLIENT_SECRET };
  return { fetch: globalThis.fetch, now: Date.now, baseUrls, appCredentials, ...over };
}
