// From a stored connection to a ready client: validated settings and secrets, the shared quota gate and the
// per-connection client (token cache + single-flight). Used by the rate source and by verify-on-save.
import { createHash } from "node:crypto";
import { UspsClient } from "./client.server";
import type { CarrierConnectionContext, CarrierDeps } from "../connector";
import type { UspsProblem } from "./errors";
import type { PriceMemory } from "./price-memory";
import { defaultQuotaPolicy, describeRefusal, memoryQuotaStore, quotaSnapshot, recordRateLimited, takePermit, type QuotaPolicy, type QuotaSnapshot, type QuotaStore } from "./quota";
import { sharedQuotaStore, sharedToken } from "./shared-state";
import { USPS_HOSTS, UspsSecretsSchema, UspsSettingsSchema, type UspsSecrets, type UspsSettings } from "./settings";

/**
 * Optional extras beyond CarrierDeps (tests and the benchmark). The quota ledger and token live in
 * `deps.sharedState` when the rating context provides it (the database: all instances share one budget and one
 * token); otherwise in this process, which is right for a single instance.
 */
export interface UspsDeps extends CarrierDeps {
  quotaStore?: QuotaStore;
  priceMemory?: PriceMemory;
  /** Per-call HTTP timeout; the caller's AbortSignal still wins when it fires first. */
  timeoutMs?: number;
}

export const defaultQuotaStore = memoryQuotaStore();

// The registry may build a source per checkout; reusing the client per connection keeps its token in memory
// and its refresh single-flight across those sources. Keyed by fetch too, so tests with their own fetch stay apart.
const clients = new WeakMap<typeof fetch, Map<string, UspsClient>>();

function sharedClient(key: string, deps: UspsDeps, make: () => UspsClient): UspsClient {
  let byConnection = clients.get(deps.fetch);
  if (!byConnection) clients.set(deps.fetch, (byConnection = new Map()));
  let client = byConnection.get(key);
  if (!client) byConnection.set(key, (client = make()));
  return client;
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/**
 * USPS counts calls per developer app (consumer key) and environment, so the ledger is keyed by those: two
 * connections, or two shops, using the same USPS app spend one budget.
 */
export const uspsQuotaKey = (mode: "test" | "production", consumerKey: string) => `usps:quota:${mode}:${hash(consumerKey)}`;
/** The shared token row(s) of one connection; disconnecting deletes every key under this prefix. */
export const uspsTokenKeyPrefix = (connectionId: string) => `usps:token:${connectionId}:`;

export interface UspsConnection {
  settings: UspsSettings;
  client: UspsClient;
  policy: QuotaPolicy;
  quotaStore: QuotaStore;
  quotaKey: string;
}

export function openUspsConnection(
  connection: CarrierConnectionContext<UspsSettings, UspsSecrets> | null,
  deps: UspsDeps,
): { ok: true; value: UspsConnection } | { ok: false; problem: UspsProblem } {
  if (!connection) return { ok: false, problem: { action: "reconnect", code: "not_connected", message: "USPS is not connected" } };
  const settings = UspsSettingsSchema.safeParse(connection.settings);
  if (!settings.success) return { ok: false, problem: { action: "fix_settings", code: "invalid_settings", message: "the stored USPS settings are invalid" } };
  const secrets = UspsSecretsSchema.safeParse(connection.secrets);
  if (!secrets.success) return { ok: false, problem: { action: "reconnect", code: "invalid_credentials", message: "the stored USPS credentials are invalid" } };
  const s = settings.data;
  const policy = defaultQuotaPolicy(s.hourlyQuota);
  const quotaStore = deps.quotaStore ?? (deps.sharedState ? sharedQuotaStore(deps.sharedState) : defaultQuotaStore);
  const baseUrl = deps.baseUrl ?? USPS_HOSTS[connection.mode];
  const quotaKey = uspsQuotaKey(connection.mode, secrets.data.consumerKey);
  // The secret is hashed into the key so new credentials get a new client (and token), without keeping it in a key.
  const credentialHash = hash(`${secrets.data.consumerKey}\n${secrets.data.consumerSecret}`);
  const key = `${connection.id}|${baseUrl}|${credentialHash}`;
  const client = sharedClient(key, deps, () =>
    new UspsClient({
      baseUrl,
      fetch: deps.fetch,
      now: deps.now,
      secrets: secrets.data,
      saveSecrets: (next) => connection.saveSecrets(next),
      sharedToken: deps.sharedState ? sharedToken(deps.sharedState, `${uspsTokenKeyPrefix(connection.id)}${credentialHash}`) : undefined,
      timeoutMs: deps.timeoutMs,
      quota: {
        take: (kind) =>
          quotaStore.update(quotaKey, (state) => {
            const d = takePermit(state, { now: deps.now(), policy, kind });
            return { state: d.state, result: d.allowed ? null : { message: describeRefusal(d), retryAt: d.retryAt } };
          }),
        rateLimited: (retryAfterSeconds) =>
          quotaStore.update(quotaKey, (state) => ({ state: recordRateLimited(state, { now: deps.now(), policy, retryAfterSeconds }), result: undefined })),
      },
    }),
  );
  return { ok: true, value: { settings: s, client, policy, quotaStore, quotaKey } };
}

/** The budget as the Carriers page shows it: used and left in the last hour, and any USPS-imposed pause. */
export async function readUspsQuota(
  account: { mode: "test" | "production"; consumerKey: string; hourlyQuota: number },
  deps: Pick<UspsDeps, "now" | "quotaStore" | "sharedState">,
): Promise<QuotaSnapshot> {
  const store = deps.quotaStore ?? (deps.sharedState ? sharedQuotaStore(deps.sharedState) : defaultQuotaStore);
  return quotaSnapshot(await store.read(uspsQuotaKey(account.mode, account.consumerKey)), deps.now(), defaultQuotaPolicy(account.hourlyQuota));
}
