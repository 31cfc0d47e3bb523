// Channel connections as the merchant manages them: connect, test, disconnect, reconnect, choose what each sends.
// Secrets go in sealed and only ever come out redacted. Every change names the row and the shop.
import { getConnector, isChannelType } from "~/channels/registry.server";
import { channelFromForm } from "~/admin/forms/channel-form";
import type { FormResult } from "~/admin/forms/field-errors";
import { redact } from "~/lib/crypto.server";
import { sealJson, unsealJson } from "~/lib/secrets.server";
import { parseTrackingSettings } from "~/domain/tracking/shop-tracking-settings";
import { shopByDomain, type TrackingContext } from "./context.server";
import { connectionExtras, effectiveBaseUrl, type ConnectionExtras } from "./connection-extras.server";

export async function createChannel(ctx: TrackingContext, shopDomain: string, type: string, raw: Record<string, unknown>): Promise<FormResult<{ id: string }>> {
  const connector = isChannelType(type) ? getConnector(type) : null;
  if (!connector) return { ok: false, errors: [{ path: "type", message: "Choose a channel type" }] };
  const shop = await shopByDomain(ctx, shopDomain);
  const form = channelFromForm(connector, raw);
  if (!form.ok) return form;
  const refused = (await connector.checkOnSave?.(form.value.settings, ctx)) ?? [];
  if (refused.length > 0) return { ok: false, errors: refused };
  const created = await ctx.db.channelConnection.create({
    data: { shopId: shop.id, type, name: form.value.name, settings: form.value.settings as never, secrets: sealJson(form.value.secrets) },
  });
  return { ok: true, value: { id: created.id } };
}

async function updateOwn(ctx: TrackingContext, shopDomain: string, id: string, data: Record<string, unknown>) {
  const shop = await shopByDomain(ctx, shopDomain);
  const res = await ctx.db.channelConnection.updateMany({ where: { id, shopId: shop.id }, data });
  return res.count === 1;
}

export const disconnectChannel = (ctx: TrackingContext, shopDomain: string, id: string) =>
  updateOwn(ctx, shopDomain, id, { status: "disconnected" });

export const reconnectChannel = (ctx: TrackingContext, shopDomain: string, id: string) =>
  updateOwn(ctx, shopDomain, id, { status: "connected", lastError: null });

export async function setChannelWants(ctx: TrackingContext, shopDomain: string, id: string, wants: ConnectionExtras["wants"]) {
  const shop = await shopByDomain(ctx, shopDomain);
  const conn = await ctx.db.channelConnection.findFirst({ where: { id, shopId: shop.id } });
  if (!conn) return false;
  return updateOwn(ctx, shopDomain, id, { settings: { ...(conn.settings as object), wants } });
}

interface TestResult {
  ok: boolean;
  message: string;
}

/** connector.test when it has one; the result is kept on the connection as its last error. */
export async function testChannel(ctx: TrackingContext, shopDomain: string, id: string): Promise<TestResult> {
  const shop = await shopByDomain(ctx, shopDomain);
  const conn = await ctx.db.channelConnection.findFirst({ where: { id, shopId: shop.id } });
  if (!conn) return { ok: false, message: "Connection not found" };
  const connector = getConnector(conn.type);
  if (!connector?.test) return { ok: false, message: `${connector?.label ?? conn.type} has no test request; fulfil a test order instead` };
  const settings = connector.settingsSchema.safeParse(conn.settings);
  if (!settings.success) return { ok: false, message: "The saved settings are invalid; reconnect" };
  let secrets: Record<string, string>;
  try {
    secrets = unsealJson(conn.secrets);
  } catch {
    return { ok: false, message: "The saved credentials cannot be decrypted; reconnect" };
  }
  const outcome = await connector.test(
    { settings: settings.data, secrets, baseUrl: effectiveBaseUrl(conn.settings) },
    { timeoutMs: 10_000, outbound: { production: ctx.production, allowLoopback: ctx.allowLoopback, lookup: ctx.lookup } },
  );
  const where = { id, shopId: shop.id };
  if (outcome.updatedSecrets) await ctx.db.channelConnection.updateMany({ where, data: { secrets: sealJson(outcome.updatedSecrets) } });
  const ok = outcome.result === "delivered";
  await ctx.db.channelConnection.updateMany({ where, data: { lastError: ok ? null : outcome.reason, ...(ok && conn.status === "error" ? { status: "connected" } : {}) } });
  return { ok, message: ok ? (outcome.note ?? `${connector.label} accepted the test`) : outcome.reason };
}

export async function listChannels(ctx: TrackingContext, shopDomain: string, appUrl: string) {
  const shop = await shopByDomain(ctx, shopDomain);
  const conns = await ctx.db.channelConnection.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } });
  const counts = await ctx.db.outboxMessage.groupBy({ by: ["channelId", "status"], where: { shopId: shop.id }, _count: { _all: true } });
  return {
    settings: parseTrackingSettings(shop.trackingSettings),
    channels: conns.map((c) => {
      let secrets: Record<string, string> = {};
      let unreadable = false;
      try {
        secrets = unsealJson(c.secrets);
      } catch {
        unreadable = true;
      }
      const connector = getConnector(c.type);
      const settings = { ...(c.settings as Record<string, unknown>) };
      delete settings.baseUrl;
      const format = connector?.inboundFormat;
      return {
        id: c.id,
        type: c.type,
        label: connector?.label ?? c.type,
        name: c.name,
        status: c.status,
        lastError: c.lastError,
        wants: connectionExtras(c.settings).wants,
        settings,
        secrets: Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, redact(v)])),
        unreadable,
        canTest: !!connector?.test,
        inbound: secrets.inboundSecret && format ? { [format]: `${appUrl}/inbound/${format}/${c.id}` } : null,
        counts: Object.fromEntries(counts.filter((x) => x.channelId === c.id).map((x) => [x.status, x._count._all])),
      };
    }),
  };
}
