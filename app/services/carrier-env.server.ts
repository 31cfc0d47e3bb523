// What carriers get from the environment: Waypost's own developer apps at each carrier and base-URL overrides
// (the demo and tests point them at loopback fakes). Each connector names its variables (`env`); env.server.ts
// reads and validates them into `env.carriers`. Read once from the validated env; never from process.env.
import type { Env } from "~/env.server";
import type { SharedCarrierDeps } from "./rating/compile";

export function carrierDepsFromEnv(env: Pick<Env, "carriers">, over: Partial<SharedCarrierDeps> = {}): SharedCarrierDeps {
  const baseUrls: Record<string, string> = {};
  const appCredentials: Record<string, { clientId: string; clientSecret: string }> = {};
  for (const [id, c] of Object.entries(env.carriers)) {
    if (c.baseUrl) baseUrls[id] = c.baseUrl;
    if (c.appCredentials) appCredentials[id] = c.appCredentials;
  }
  return { fetch: globalThis.fetch, now: Date.now, baseUrls, appCredentials, ...over };
}
