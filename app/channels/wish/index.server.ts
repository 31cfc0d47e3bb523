// Wish connector: PUT tracking, refresh an expired token once, and read the order back when a write may have
// landed without an answer (Wish has no idempotency key, so blind retries could double-ship).
import { WISH_CARRIER_NAMES } from "./carrier-names";
import { wishForm } from "./form";
import { requestMayHaveLanded } from "~/lib/http.server";
import { timeoutOf, type ChannelConnection, type ChannelConnector, type Exchange, type PushOutcome, type PushOptions, type TrackingDelivery } from "../channel";
import { getOrder, getShippingCarriers, putTracking, refreshAccessToken, type WishCall } from "./client.server";
import { wishTrackingPlan } from "./request";
import { interpretWishWrite, parseWishRefresh, readWishOrderTracking } from "./response";
import {
  WISH_BASE_URL,
  WISH_SANDBOX_BASE_URL,
  wishSecretFields,
  wishSecretsSchema,
  wishSettingsSchema,
  type WishSettings,
} from "./settings";
import { say } from "~/lib/said";
import { storeSaid } from "~/lib/stored-said";

type Conn = ChannelConnection<WishSettings>;

async function push(delivery: TrackingDelivery, conn: Conn, opts: PushOptions): Promise<PushOutcome> {
  const plan = wishTrackingPlan(delivery, conn.settings);
  if (!plan.ok) return { result: "needs_attention", reason: plan.reason };
  const accessToken = conn.secrets.accessToken;
  if (!accessToken) return { result: "needs_attention", reason: storeSaid(say("deliveries:stored.notConnected", { typeKey: "channels:types.wish" })) };

  const nowMs = () => (opts.now?.() ?? new Date()).getTime();
  const ctx: WishCall = {
    baseUrl: conn.baseUrl ?? (conn.settings.sandbox ? WISH_SANDBOX_BASE_URL : WISH_BASE_URL),
    timeoutMs: timeoutOf(opts),
    signal: opts.signal,
    fetchImpl: opts.fetchImpl,
  };
  const exchanges: Exchange[] = [];
  let updatedSecrets: Record<string, string> | undefined;
  const extras = () => ({ exchanges, ...(updatedSecrets ? { updatedSecrets } : {}) });

  let token = accessToken;
  if (opts.resumed) {
    // A worker died mid-push: the PUT may have landed. A read is cheap; a second PUT may re-notify the buyer.
    const before = await getOrder(ctx, token, plan.orderId);
    exchanges.push(before.exchange);
    const seen = readWishOrderTracking(before.outcome);
    if (seen.kind === "ok" && seen.trackingNumbers.includes(plan.body.tracking_number)) {
      return { result: "delivered", note: "An interrupted attempt had already landed; the order read back carries this tracking", ...before.exchange, ...extras() };
    }
  }
  let put = await putTracking(ctx, token, plan.orderId, plan.body);
  exchanges.push(put.exchange);
  let result = interpretWishWrite(put.outcome, nowMs());

  if (result.kind === "token_expired") {
    const { refreshToken, clientSecret } = conn.secrets;
    if (!refreshToken || !clientSecret) {
      return { result: "needs_attention", reason: `${result.reason}; reconnect Wish`, ...put.exchange, ...extras() };
    }
    const ref = await refreshAccessToken(ctx, { clientId: conn.settings.clientId, clientSecret, refreshToken });
    exchanges.push(ref.exchange);
    const refreshed = parseWishRefresh(ref.outcome, nowMs());
    if (refreshed.kind === "rejected") {
      return { result: "needs_attention", reason: `${refreshed.reason}; reconnect Wish`, ...ref.exchange, ...extras() };
    }
    if (refreshed.kind === "retry") {
      return { result: "retry", reason: refreshed.reason, ...pickRetryAfter(refreshed), ...ref.exchange, ...extras() };
    }
    token = refreshed.accessToken;
    updatedSecrets = {
      ...conn.secrets,
      accessToken: refreshed.accessToken,
      ...(refreshed.refreshToken ? { refreshToken: refreshed.refreshToken } : {}),
    };
    put = await putTracking(ctx, token, plan.orderId, plan.body);
    exchanges.push(put.exchange);
    result = interpretWishWrite(put.outcome, nowMs());
    if (result.kind === "token_expired") {
      return { result: "needs_attention", reason: `${result.reason} even after a refresh; reconnect Wish`, ...put.exchange, ...extras() };
    }
  }

  switch (result.kind) {
    case "ok":
      return { result: "delivered", ...put.exchange, ...extras() };
    case "attention":
      return { result: "needs_attention", reason: result.reason, ...put.exchange, ...extras() };
    case "dead":
      return { result: "dead", reason: result.reason, ...put.exchange, ...extras() };
    case "retry":
      return { result: "retry", reason: result.reason, ...pickRetryAfter(result), ...put.exchange, ...extras() };
    case "maybe_landed": {
      if (!requestMayHaveLanded(put.outcome)) {
        return { result: "retry", reason: result.reason, ...put.exchange, ...extras() };
      }
      const read = await getOrder(ctx, token, plan.orderId);
      exchanges.push(read.exchange);
      const tracking = readWishOrderTracking(read.outcome);
      if (tracking.kind === "ok" && tracking.trackingNumbers.includes(plan.body.tracking_number)) {
        return { result: "delivered", note: `${result.reason}; the order read back already carries this tracking`, ...put.exchange, ...extras() };
      }
      const seen = tracking.kind === "ok" ? `read-back shows ${tracking.trackingNumbers.join(", ") || "no tracking"}` : tracking.reason;
      return { result: "retry", reason: `${result.reason}; ${seen}`, ...put.exchange, ...extras() };
    }
  }
}

function pickRetryAfter(r: { retryAfterMs?: number }) {
  return r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {};
}

/** Reads the shipping-carrier list: proves the token works without touching any order. */
async function test(conn: Conn, opts: PushOptions): Promise<PushOutcome> {
  const baseUrl = conn.baseUrl ?? (conn.settings.sandbox ? WISH_SANDBOX_BASE_URL : WISH_BASE_URL);
  const ctx: WishCall = { baseUrl, timeoutMs: timeoutOf(opts), signal: opts.signal, fetchImpl: opts.fetchImpl };
  const res = await getShippingCarriers(ctx, conn.secrets.accessToken ?? "");
  const r = interpretWishWrite(res.outcome, (opts.now?.() ?? new Date()).getTime());
  if (r.kind === "ok") return { result: "delivered", ...res.exchange, note: "Wish accepted the access token" };
  if (r.kind === "token_expired" || r.kind === "attention") return { result: "needs_attention", reason: r.reason, ...res.exchange };
  if (r.kind === "dead") return { result: "dead", reason: r.reason, ...res.exchange };
  return { result: "retry", reason: r.reason, ...res.exchange };
}

export const wishConnector: ChannelConnector<WishSettings> = {
  type: "wish",
  label: "Wish",
  settingsSchema: wishSettingsSchema,
  secretsSchema: wishSecretsSchema,
  secretFields: wishSecretFields,
  defaultBaseUrl: WISH_BASE_URL,
  push,
  test,
  form: wishForm,
  receivesEveryStatus: false,
  carrierNames: WISH_CARRIER_NAMES,
};
