// UltraCart connector: marks the order shipped at its distribution center with the tracking numbers.
import { outcomeOf, timeoutOf, type ChannelConnection, type ChannelConnector, type PushOptions, type PushOutcome, type TrackingDelivery } from "../channel";
import { listDistributionCenters, shipOrders } from "./client.server";
import { ultracartForm } from "./form";
import { ultracartShipmentPlan } from "./request";
import { interpretUltraCart, readDistributionCenterCodes } from "./response";
import {
  ULTRACART_BASE_URL,
  ultracartSecretFields,
  ultracartSecretsSchema,
  ultracartSettingsSchema,
  type UltraCartSettings,
} from "./settings";
import { say } from "~/lib/said";
import { storeSaid } from "~/lib/stored-said";

async function push(delivery: TrackingDelivery, conn: ChannelConnection<UltraCartSettings>, opts: PushOptions): Promise<PushOutcome> {
  const plan = ultracartShipmentPlan(delivery, conn.settings);
  if (!plan.ok) return { result: "needs_attention", reason: plan.reason };
  const simpleKey = conn.secrets.simpleKey;
  if (!simpleKey) return { result: "needs_attention", reason: storeSaid(say("deliveries:stored.notConnected", { typeKey: "channels:types.ultracart" })) };

  const { outcome, exchange } = await shipOrders(
    { baseUrl: conn.baseUrl ?? ULTRACART_BASE_URL, simpleKey, timeoutMs: timeoutOf(opts), signal: opts.signal, fetchImpl: opts.fetchImpl },
    plan.dc,
    plan.body,
  );
  const r = interpretUltraCart(outcome, (opts.now?.() ?? new Date()).getTime());
  return outcomeOf(r, exchange);
}

/** Lists distribution centers: proves the key works and that the configured code exists. */
async function test(conn: ChannelConnection<UltraCartSettings>, opts: PushOptions): Promise<PushOutcome> {
  const { outcome, exchange } = await listDistributionCenters({
    baseUrl: conn.baseUrl ?? ULTRACART_BASE_URL,
    simpleKey: conn.secrets.simpleKey ?? "",
    timeoutMs: timeoutOf(opts),
    signal: opts.signal,
    fetchImpl: opts.fetchImpl,
  });
  const codes = readDistributionCenterCodes(outcome);
  if (codes?.includes(conn.settings.distributionCenterCode)) return { result: "delivered", ...exchange };
  if (codes) {
    return {
      result: "needs_attention",
      reason: `UltraCart has no distribution center ${conn.settings.distributionCenterCode} (found: ${codes.join(", ") || "none"})`,
      ...exchange,
    };
  }
  const r = interpretUltraCart(outcome, (opts.now?.() ?? new Date()).getTime());
  if (r.kind === "retry") return { result: "retry", reason: r.reason, ...exchange };
  if (r.kind === "attention") return { result: "needs_attention", reason: r.reason, ...exchange };
  return { result: "dead", reason: r.kind === "dead" ? r.reason : "unexpected distribution center list", ...exchange };
}

export const ultracartConnector: ChannelConnector<UltraCartSettings> = {
  type: "ultracart",
  label: "UltraCart",
  settingsSchema: ultracartSettingsSchema,
  secretsSchema: ultracartSecretsSchema,
  secretFields: ultracartSecretFields,
  defaultBaseUrl: ULTRACART_BASE_URL,
  push,
  test,
  form: ultracartForm,
  receivesEveryStatus: false,
};
