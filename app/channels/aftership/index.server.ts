// AfterShip connector: creates a tracking. Creation is naturally idempotent (duplicates answer meta 4003),
// so retries after a lost answer are safe.
import { outcomeOf, timeoutOf, type ChannelConnection, type ChannelConnector, type Exchange, type PushOptions, type PushOutcome, type TrackingDelivery } from "../channel";
import { AFTERSHIP_CARRIER_NAMES } from "./carrier-names";
import { createTracking, listCouriers, type AfterShipCall } from "./client.server";
import { aftershipForm } from "./form";
import { aftershipTrackingPlan } from "./request";
import { interpretAfterShip, type AfterShipResult } from "./response";
import {
  AFTERSHIP_BASE_URL,
  aftershipSecretFields,
  aftershipSecretsSchema,
  aftershipSettingsSchema,
  type AfterShipSettings,
} from "./settings";
import { say } from "~/lib/said";
import { storeSaid } from "~/lib/stored-said";

type Conn = ChannelConnection<AfterShipSettings>;

function callContext(conn: Conn, opts: PushOptions): AfterShipCall {
  return {
    baseUrl: conn.baseUrl ?? AFTERSHIP_BASE_URL,
    apiKey: conn.secrets.apiKey ?? "",
    settings: conn.settings,
    timeoutMs: timeoutOf(opts),
    signal: opts.signal,
    fetchImpl: opts.fetchImpl,
  };
}

function toOutcome(r: AfterShipResult, exchange: Exchange): PushOutcome {
  return outcomeOf(r.kind === "ok" && r.duplicate ? { kind: "ok", note: "AfterShip already had this tracking (meta 4003)" } : r.kind === "ok" ? { kind: "ok" } : r, exchange);
}

async function push(delivery: TrackingDelivery, conn: Conn, opts: PushOptions): Promise<PushOutcome> {
  const plan = aftershipTrackingPlan(delivery, conn.settings);
  if (!plan.ok) return { result: "needs_attention", reason: plan.reason };
  if (!conn.secrets.apiKey) return { result: "needs_attention", reason: storeSaid(say("deliveries:stored.notConnected", { typeKey: "channels:types.aftership" })) };
  const { outcome, exchange } = await createTracking(callContext(conn, opts), plan.body);
  return toOutcome(interpretAfterShip(outcome, (opts.now?.() ?? new Date()).getTime()), exchange);
}

/** Lists couriers: proves the API key without creating a tracking. */
async function test(conn: Conn, opts: PushOptions): Promise<PushOutcome> {
  const { outcome, exchange } = await listCouriers(callContext(conn, opts));
  return toOutcome(interpretAfterShip(outcome, (opts.now?.() ?? new Date()).getTime()), exchange);
}

export const aftershipConnector: ChannelConnector<AfterShipSettings> = {
  type: "aftership",
  label: "AfterShip",
  settingsSchema: aftershipSettingsSchema,
  secretsSchema: aftershipSecretsSchema,
  secretFields: aftershipSecretFields,
  defaultBaseUrl: AFTERSHIP_BASE_URL,
  push,
  test,
  form: aftershipForm,
  receivesEveryStatus: false,
  carrierNames: AFTERSHIP_CARRIER_NAMES,
  inboundFormat: "aftership",
};
