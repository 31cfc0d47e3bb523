// Channel connections as the merchant manages them: connect, test, disconnect, reconnect, choose what each sends.
// Secrets go in sealed and only ever come out redacted. Every change names the row and the shop.
import { getConnector, isChannelType } from "~/channels/registry.server";
import { channelFromForm, destinationKeyOf } from "~/admin/forms/channel-form";
import type { FormResult } from "~/admin/forms/field-errors";
import type { MessageParams } from "~/lib/field-errors";
import { say, type Said } from "~/lib/said";
import { sealJson, unsealJson } from "~/lib/secrets.server";
import { parseTrackingSettings } from "~/domain/tracking/shop-tracking-settings";
import { shopByDomain, type TrackingContext } from "./context.server";
import { connectionExtras, effectiveBaseUrl, type ConnectionExtras } from "./connection-extras.server";

export async function createChannel(ctx: TrackingContext, shopDomain: string, type: string, raw: Record<string, unknown>): Promise<FormResult<{ id: string }>> {
  const connector = isChannelType(type) ? getConnector(type) : null;
  if (!connector) return { ok: false, errors: [{ path: "type", message: "choose_channel_type" }] };
  const shop = await shopByDomain(ctx, shopDomain);
  const form = channelFromForm(connector, raw);
  if (!form.ok) return form;
  const refused = (await connector.checkOnSave?.(form.value.settings, ctx)) ?? [];
  if (refused.length > 0) return { ok: false, errors: refused };
  // One connection per destination: a second click on Connect (or a second tab) must not send every event twice.
  const sameType = await ctx.db.channelConnection.findMany({ where: { shopId: shop.id, type }, select: { name: true, status: true, settings: true }, take: 500 });
  const twin = sameType.find((c) => destinationKeyOf(connector, c.settings as Record<string, unknown>) === form.value.destination);
  if (twin) {
    const off = twin.status === "disconnected";
    return {
      ok: false,
      errors: [],
      message: `${connector.label}: "${twin.name}" is already ${off ? "a disconnected connection" : "a connection"} to this destination. Use that one${off ? " (Reconnect it)" : ""}, or connect a different address.`,
      said: say(off ? "channels:duplicateDisconnected" : "channels:duplicate", { typeKey: typeKey(type), name: twin.name }),
    };
  }
  // The connection and its first event rule together: a channel without a rule would receive nothing, silently.
  const created = await ctx.db.$transaction(async (tx) => {
    const conn = await tx.channelConnection.create({
      data: { shopId: shop.id, type, name: form.value.name, settings: form.value.settings as never, secrets: sealJson(form.value.secrets) },
    });
    const position = await tx.eventRule.count({ where: { shopId: shop.id } });
    await tx.eventRule.create({ data: { shopId: shop.id, channelId: conn.id, ...defaultRuleFor(form.value.name, position) } as never });
    return conn;
  });
  return { ok: true, value: { id: created.id } };
}

/** The key of a connector's name, said in the merchant's language (checked by scripts/i18n/check.ts). */
const typeKey = (type: string) => `channels:types.${type}`;

/** The rule a new connection starts with: every event of every order, from any sales channel. */
export function defaultRuleFor(channelName: string, position: number) {
  return { name: `All orders to ${channelName}`.slice(0, 120), position, enabled: true, orderType: { kind: "all" }, events: "all", salesChannel: "any" };
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
  /** English, for scripts and logs. */
  message: string;
  /** For the page: a message key, or the destination's own answer as it came. */
  said: Said;
}

const testRefused = (message: string, said: Said): TestResult => ({ ok: false, message, said });

/** connector.test when it has one; the result is kept on the connection as its last error. */
export async function testChannel(ctx: TrackingContext, shopDomain: string, id: string): Promise<TestResult> {
  const shop = await shopByDomain(ctx, shopDomain);
  const conn = await ctx.db.channelConnection.findFirst({ where: { id, shopId: shop.id } });
  if (!conn) return testRefused("Connection not found", say("channels:done.notFound"));
  const connector = getConnector(conn.type);
  const label = connector?.label ?? conn.type;
  // A connector's name in the merchant's language (channels.json `types`); an unknown type is shown as stored.
  const type: MessageParams = connector ? { typeKey: typeKey(conn.type) } : { type: conn.type };
  if (!connector?.test) return testRefused(`${label} has no test request; fulfil a test order instead`, say("channels:test.noTest", type));
  const settings = connector.settingsSchema.safeParse(conn.settings);
  if (!settings.success) return testRefused("The saved settings are invalid; reconnect", say("channels:test.invalidSettings"));
  let secrets: Record<string, string>;
  try {
    secrets = unsealJson(conn.secrets);
  } catch {
    return testRefused("The saved credentials cannot be decrypted; reconnect", say("channels:unreadable"));
  }
  const outcome = await connector.test(
    { settings: settings.data, secrets, baseUrl: effectiveBaseUrl(conn.settings) },
    { timeoutMs: 10_000, outbound: { production: ctx.production, allowLoopback: ctx.allowLoopback, lookup: ctx.lookup } },
  );
  const where = { id, shopId: shop.id };
  if (outcome.updatedSecrets) await ctx.db.channelConnection.updateMany({ where, data: { secrets: sealJson(outcome.updatedSecrets) } });
  const ok = outcome.result === "delivered";
  await ctx.db.channelConnection.updateMany({ where, data: { lastError: ok ? null : outcome.reason, ...(ok && conn.status === "error" ? { status: "connected" } : {}) } });
  if (ok) return { ok, message: outcome.note ?? `${label} accepted the test`, said: say("channels:test.accepted", type) };
  // Why it failed is the destination's answer (status, its error text): it goes into the sentence as it came.
  return { ok, message: outcome.reason, said: say("channels:test.failed", { ...type, reason: outcome.reason }) };
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
        // A connection whose last send or test failed is not "connected" as far as the merchant can tell.
        health: c.status === "connected" && c.lastError ? ("failing" as const) : (c.status as "connected" | "disconnected" | "error"),
        lastError: c.lastError,
        wants: connectionExtras(c.settings).wants,
        settings,
        credentials: describeSecrets(secrets),
        // The same as data, for the page to say in the merchant's language (channels.json `secrets`).
        secrets: secretHints(secrets),
        unreadable,
        canTest: !!connector?.test,
        inbound: secrets.inboundSecret && format ? { [format]: `${appUrl}/inbound/${format}/${c.id}` } : null,
        counts: Object.fromEntries(counts.filter((x) => x.channelId === c.id).map((x) => [x.status, x._count._all])),
      };
    }),
  };
}

const SECRET_NAMES: Record<string, string> = {
  accessToken: "Access token",
  refreshToken: "Refresh token",
  apiKey: "API key",
  apiToken: "API token",
  password: "Password",
  hmacSecret: "HMAC secret",
  inboundSecret: "Inbound tracking secret",
  clientSecret: "Client secret",
  token: "Token",
};

/** Each saved secret's field and its last four characters (null for short secrets, which show none). */
export function secretHints(secrets: Record<string, string>): { field: string; last4: string | null }[] {
  return Object.entries(secrets)
    .filter(([, v]) => typeof v === "string" && v !== "")
    .map(([field, v]) => ({ field, last4: v.length >= 12 ? v.slice(-4) : null }));
}

/** "Access token ending in 63c0" per saved secret (English, for scripts and logs); short secrets show no characters. */
export function describeSecrets(secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, v]) => typeof v === "string" && v !== "")
    .map(([k, v]) => {
      const name = SECRET_NAMES[k] ?? k.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase()).replace(/ (\w)/g, (m) => m.toLowerCase());
      return v.length >= 12 ? `${name} ending in ${v.slice(-4)}` : `${name} saved`;
    });
}
