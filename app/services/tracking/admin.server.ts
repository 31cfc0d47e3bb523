// Merchant-facing tracking administration: channel connections (connect, test, disconnect), NF-e settings, event
// rules, and the delivery log. Secrets go in sealed and only ever come out redacted.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { getDb } from "~/db.server";
import { getConnector, isChannelType } from "~/channels/registry.server";
import { SAMPLE_DELIVERY } from "~/channels/webhook/index.server";
import type { ChannelType, PushOutcome } from "~/channels/channel";
import { EventRuleSchema, TRACKING_EVENTS } from "~/domain/tracking/event-rules";
import { redact } from "~/lib/crypto.server";
import type { FieldError } from "~/lib/field-errors";
import { sealJson, unsealJson } from "~/lib/secrets.server";
import { OUTBOX_STATUSES } from "./outbox.server";
import { connectionExtras, effectiveBaseUrl, parseTrackingSettings, TRACKING_WANTS, TrackingSettingsSchema } from "./settings.server";

export type FormResult<T = unknown> = { ok: true; value: T } | { ok: false; errors: FieldError[]; message?: string };

/** One message per field (the first), at the form's field name. */
const toErrors = (error: z.ZodError, rename: Record<string, string> = {}): FieldError[] => {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const i of error.issues) {
    const raw = i.path.join(".");
    const path = rename[raw] ?? raw;
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, message: i.message });
  }
  return out;
};

async function shopByDomain(domain: string) {
  const shop = await getDb().shop.findUnique({ where: { domain } });
  if (!shop) throw new Response("Shop not installed", { status: 404 });
  return shop;
}

// --- Channel connections ---------------------------------------------------------------------------------------

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const opt = z.preprocess(blank, z.string().trim().optional());
const req = (label: string) => z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`);

const common = {
  name: req("Name").max(80),
  wants: z.enum(TRACKING_WANTS),
  inboundSecret: opt,
};

export const ChannelFormSchemas = {
  wish: z.object({
    ...common,
    clientId: req("Client id"),
    clientSecret: req("Client secret"),
    accessToken: req("Access token"),
    refreshToken: opt,
    shippingProvider: opt,
    sandbox: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  }),
  ultracart: z.object({
    ...common,
    simpleKey: req("Simple key"),
    distributionCenterCode: req("Distribution center code").max(50),
    sendCarrierFee: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  }),
  webhook: z.object({
    ...common,
    protocol: z.enum(["https", "http"]),
    host: req("Host"),
    port: z.preprocess(blank, z.coerce.number().int().min(1).max(65535).optional()),
    path: z.string().trim().default("/"),
    authKind: z.enum(["none", "basic", "hmac"]),
    username: opt,
    password: opt,
    hmacSecret: opt,
    signatureHeader: opt,
  }),
  aftership: z.object({
    ...common,
    apiKey: req("API key"),
    defaultSlug: opt,
  }),
} as const;

/** The fields each connection type's form shows (labels in the route). Secret fields are never prefilled. */
export const CHANNEL_FORM_FIELDS: Record<ChannelType, { name: string; label: string; secret?: boolean; help?: string; options?: string[] }[]> = {
  wish: [
    { name: "clientId", label: "Client id" },
    { name: "clientSecret", label: "Client secret", secret: true },
    { name: "accessToken", label: "Access token", secret: true },
    { name: "refreshToken", label: "Refresh token", secret: true, help: "Lets Waypost renew the access token by itself" },
    { name: "shippingProvider", label: "Fixed shipping provider", help: 'E.g. "Intelipost" for Brazil orders tracked by NF-e; blank = mapped from the carrier' },
  ],
  ultracart: [
    { name: "simpleKey", label: "Simple key", secret: true },
    { name: "distributionCenterCode", label: "Distribution center code" },
  ],
  webhook: [
    { name: "protocol", label: "Protocol", options: ["https", "http"] },
    { name: "host", label: "Host" },
    { name: "port", label: "Port" },
    { name: "path", label: "Path" },
    { name: "authKind", label: "Authentication", options: ["none", "basic", "hmac"] },
    { name: "username", label: "Basic auth user" },
    { name: "password", label: "Basic auth password", secret: true },
    { name: "hmacSecret", label: "HMAC secret (16+ characters)", secret: true },
    { name: "signatureHeader", label: "Signature header", help: "Default X-Waypost-Signature" },
  ],
  aftership: [
    { name: "apiKey", label: "API key", secret: true },
    { name: "defaultSlug", label: "Default courier slug", help: 'E.g. "intelipost" when the carrier cannot be mapped' },
  ],
};

/** Splits a validated form into stored settings (plain) and secrets (sealed), validated by the connector. */
export function channelFromForm(type: ChannelType, raw: Record<string, unknown>): FormResult<{ name: string; settings: Record<string, unknown>; secrets: Record<string, string> }> {
  const parsed = ChannelFormSchemas[type].safeParse(raw);
  if (!parsed.success) return { ok: false, errors: toErrors(parsed.error) };
  const f = parsed.data as Record<string, unknown> & { name: string; wants: string; inboundSecret?: string };
  let settings: Record<string, unknown>;
  let secrets: Record<string, string | undefined>;
  const rename: Record<string, string> = {};
  switch (type) {
    case "wish":
      settings = { clientId: f.clientId, ...(f.shippingProvider ? { shippingProvider: f.shippingProvider } : {}), ...(f.sandbox ? { sandbox: true } : {}) };
      secrets = { accessToken: f.accessToken as string, refreshToken: f.refreshToken as string | undefined, clientSecret: f.clientSecret as string };
      break;
    case "ultracart":
      settings = { distributionCenterCode: f.distributionCenterCode, sendCarrierFee: f.sendCarrierFee };
      secrets = { simpleKey: f.simpleKey as string };
      break;
    case "aftership":
      settings = { ...(f.defaultSlug ? { defaultSlug: f.defaultSlug } : {}) };
      secrets = { apiKey: f.apiKey as string };
      break;
    case "webhook": {
      const auth =
        f.authKind === "basic"
          ? { kind: "basic", username: f.username ?? "" }
          : f.authKind === "hmac"
            ? { kind: "hmac", ...(f.signatureHeader ? { header: f.signatureHeader } : {}) }
            : { kind: "none" };
      settings = { protocol: f.protocol, host: f.host, ...(f.port ? { port: f.port } : {}), path: f.path, auth };
      secrets = { password: f.authKind === "basic" ? (f.password as string | undefined) : undefined, hmacSecret: f.authKind === "hmac" ? (f.hmacSecret as string | undefined) : undefined };
      rename["auth.username"] = "username";
      rename["auth.header"] = "signatureHeader";
      const missing: FieldError[] = [];
      if (f.authKind === "basic" && !f.username) missing.push({ path: "username", message: "Basic auth needs a user" });
      if (f.authKind === "basic" && !f.password) missing.push({ path: "password", message: "Basic auth needs a password" });
      if (f.authKind === "hmac" && !f.hmacSecret) missing.push({ path: "hmacSecret", message: "HMAC signing needs a secret" });
      if (missing.length) return { ok: false, errors: missing };
      break;
    }
  }
  const connector = getConnector(type)!;
  const s = connector.settingsSchema.safeParse(settings);
  if (!s.success) return { ok: false, errors: toErrors(s.error, rename) };
  const clean = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string>;
  const sec = connector.secretsSchema.safeParse(clean);
  if (!sec.success) return { ok: false, errors: toErrors(sec.error) };
  if (f.inboundSecret) clean.inboundSecret = f.inboundSecret;
  return { ok: true, value: { name: f.name, settings: { ...(s.data as object), wants: f.wants }, secrets: clean } };
}

export async function createChannel(shopDomain: string, type: string, raw: Record<string, unknown>): Promise<FormResult<{ id: string }>> {
  if (!isChannelType(type)) return { ok: false, errors: [{ path: "type", message: "Choose a channel type" }] };
  const shop = await shopByDomain(shopDomain);
  const form = channelFromForm(type, raw);
  if (!form.ok) return form;
  const created = await getDb().channelConnection.create({
    data: { shopId: shop.id, type, name: form.value.name, settings: form.value.settings as never, secrets: sealJson(form.value.secrets) },
  });
  return { ok: true, value: { id: created.id } };
}

export async function disconnectChannel(shopDomain: string, id: string) {
  const shop = await shopByDomain(shopDomain);
  const res = await getDb().channelConnection.updateMany({ where: { id, shopId: shop.id }, data: { status: "disconnected" } });
  return res.count > 0;
}

export async function reconnectChannel(shopDomain: string, id: string) {
  const shop = await shopByDomain(shopDomain);
  const res = await getDb().channelConnection.updateMany({ where: { id, shopId: shop.id }, data: { status: "connected", lastError: null } });
  return res.count > 0;
}

export async function setChannelWants(shopDomain: string, id: string, wants: string) {
  const shop = await shopByDomain(shopDomain);
  const w = z.enum(TRACKING_WANTS).safeParse(wants);
  if (!w.success) return false;
  const conn = await getDb().channelConnection.findFirst({ where: { id, shopId: shop.id } });
  if (!conn) return false;
  await getDb().channelConnection.update({ where: { id }, data: { settings: { ...(conn.settings as object), wants: w.data } as never } });
  return true;
}

export interface TestResult {
  ok: boolean;
  message: string;
}

/** connector.test when it has one, else a sample push (only for destinations that accept test events). */
export async function testChannel(shopDomain: string, id: string): Promise<TestResult> {
  const shop = await shopByDomain(shopDomain);
  const conn = await getDb().channelConnection.findFirst({ where: { id, shopId: shop.id } });
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
  const outcome: PushOutcome = await connector.test(
    { settings: settings.data, secrets, baseUrl: effectiveBaseUrl(conn.settings) },
    { timeoutMs: 10_000, outbound: { allowLoopback: process.env.ALLOW_LOOPBACK_DESTINATIONS === "true" } },
  );
  if (outcome.updatedSecrets) await getDb().channelConnection.update({ where: { id }, data: { secrets: sealJson(outcome.updatedSecrets) } });
  const ok = outcome.result === "delivered";
  await getDb().channelConnection.update({ where: { id }, data: { lastError: ok ? null : outcome.reason, ...(ok && conn.status === "error" ? { status: "connected" } : {}) } });
  return { ok, message: ok ? (outcome.note ?? `${connector.label} accepted the test`) : outcome.reason };
}

export async function listChannels(shopDomain: string, appUrl: string) {
  const shop = await shopByDomain(shopDomain);
  const db = getDb();
  const conns = await db.channelConnection.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } });
  const counts = await db.outboxMessage.groupBy({ by: ["channelId", "status"], where: { shopId: shop.id }, _count: { _all: true } });
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
        inbound: secrets.inboundSecret
          ? { intelipost: `${appUrl}/inbound/intelipost/${c.id}`, aftership: `${appUrl}/inbound/aftership/${c.id}` }
          : null,
        counts: Object.fromEntries(counts.filter((x) => x.channelId === c.id).map((x) => [x.status, x._count._all])),
      };
    }),
  };
}

// --- NF-e / tracking settings ------------------------------------------------------------------------------------

export async function saveTrackingSettings(shopDomain: string, raw: Record<string, unknown>): Promise<FormResult> {
  const shop = await shopByDomain(shopDomain);
  const nfeSource =
    raw.nfeKind === "metafield"
      ? { kind: "metafield", namespace: raw.nfeNamespace, key: raw.nfeKey }
      : raw.nfeKind === "attribute"
        ? { kind: "attribute", name: raw.nfeAttribute }
        : { kind: "tracking_number" };
  const channelOrderId =
    raw.refKind === "metafield" ? { kind: "metafield", namespace: raw.refNamespace, key: raw.refKey } : { kind: "attribute", name: raw.refAttribute };
  const parsed = TrackingSettingsSchema.safeParse({ nfeSource, channelOrderId, ...(blank(raw.originCountry) ? { originCountry: String(raw.originCountry).toUpperCase() } : {}) });
  if (!parsed.success) {
    return {
      ok: false,
      errors: toErrors(parsed.error, {
        "nfeSource.namespace": "nfeNamespace",
        "nfeSource.key": "nfeKey",
        "nfeSource.name": "nfeAttribute",
        "channelOrderId.namespace": "refNamespace",
        "channelOrderId.key": "refKey",
        "channelOrderId.name": "refAttribute",
      }),
    };
  }
  await getDb().shop.update({ where: { id: shop.id }, data: { trackingSettings: parsed.data as never } });
  return { ok: true, value: parsed.data };
}

// --- Event rules -------------------------------------------------------------------------------------------------

export const RuleFormSchema = z
  .object({
    id: opt,
    name: req("Name").max(120),
    channelId: req("Channel"),
    orderTypeKind: z.enum(["all", "domestic", "international", "tag"]),
    tag: opt,
    allEvents: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    events: z.array(z.enum(TRACKING_EVENTS)).default([]),
    salesChannel: z.preprocess((v) => blank(v) ?? "any", z.string().trim().min(1).max(100)),
    enabled: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    position: z.preprocess(blank, z.coerce.number().int().min(0).max(10_000).optional()),
  })
  .superRefine((f, ctx) => {
    if (f.orderTypeKind === "tag" && !f.tag) ctx.addIssue({ code: "custom", path: ["tag"], message: "Enter the order tag" });
    if (!f.allEvents && f.events.length === 0) ctx.addIssue({ code: "custom", path: ["events"], message: 'Pick at least one event, or "All events"' });
  });

export async function saveRule(shopDomain: string, raw: Record<string, unknown>): Promise<FormResult<{ id: string }>> {
  const shop = await shopByDomain(shopDomain);
  const parsed = RuleFormSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: toErrors(parsed.error) };
  const f = parsed.data;
  const db = getDb();
  const channel = await db.channelConnection.findFirst({ where: { id: f.channelId, shopId: shop.id } });
  if (!channel) return { ok: false, errors: [{ path: "channelId", message: "Choose one of your channel connections" }] };
  const position = f.position ?? (await db.eventRule.count({ where: { shopId: shop.id } }));
  const data = {
    name: f.name,
    channelId: f.channelId,
    enabled: f.enabled,
    position,
    orderType: (f.orderTypeKind === "tag" ? { kind: "tag", tag: f.tag } : { kind: f.orderTypeKind }) as never,
    events: (f.allEvents ? "all" : f.events) as never,
    salesChannel: f.salesChannel.toLowerCase(),
  };
  // The domain schema is the single judge of a valid rule.
  const check = EventRuleSchema.safeParse({ ...data, id: f.id ?? "new", channelConnectionId: f.channelId });
  if (!check.success) return { ok: false, errors: toErrors(check.error) };
  if (f.id) {
    const res = await db.eventRule.updateMany({ where: { id: f.id, shopId: shop.id }, data });
    if (res.count === 0) return { ok: false, errors: [], message: "Rule not found" };
    return { ok: true, value: { id: f.id } };
  }
  const created = await db.eventRule.create({ data: { ...data, shopId: shop.id } });
  return { ok: true, value: { id: created.id } };
}

export async function deleteRule(shopDomain: string, id: string) {
  const shop = await shopByDomain(shopDomain);
  return (await getDb().eventRule.deleteMany({ where: { id, shopId: shop.id } })).count > 0;
}

export async function toggleRule(shopDomain: string, id: string, enabled: boolean) {
  const shop = await shopByDomain(shopDomain);
  return (await getDb().eventRule.updateMany({ where: { id, shopId: shop.id }, data: { enabled } })).count > 0;
}

/** Swaps a rule with its neighbour (rules run in position order). */
export async function moveRule(shopDomain: string, id: string, direction: "up" | "down") {
  const shop = await shopByDomain(shopDomain);
  const db = getDb();
  const rules = await db.eventRule.findMany({ where: { shopId: shop.id }, orderBy: [{ position: "asc" }, { id: "asc" }] });
  const i = rules.findIndex((r) => r.id === id);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= rules.length) return false;
  [rules[i], rules[j]] = [rules[j], rules[i]];
  await db.$transaction(rules.map((r, position) => db.eventRule.update({ where: { id: r.id }, data: { position } })));
  return true;
}

export async function listRules(shopDomain: string) {
  const shop = await shopByDomain(shopDomain);
  const db = getDb();
  const [rules, channels] = await Promise.all([
    db.eventRule.findMany({ where: { shopId: shop.id }, orderBy: [{ position: "asc" }, { id: "asc" }], include: { channel: { select: { name: true, type: true } } } }),
    db.channelConnection.findMany({ where: { shopId: shop.id }, select: { id: true, name: true, type: true, status: true } }),
  ]);
  return {
    channels,
    rules: rules.map((r) => ({
      id: r.id,
      name: r.name,
      position: r.position,
      enabled: r.enabled,
      orderType: r.orderType as { kind: string; tag?: string },
      events: r.events as "all" | string[],
      salesChannel: r.salesChannel,
      channelId: r.channelId,
      channelName: r.channel.name,
    })),
  };
}

// --- Delivery log ------------------------------------------------------------------------------------------------

export const DeliveryFilterSchema = z.object({
  status: z.preprocess(blank, z.enum(OUTBOX_STATUSES).optional()),
  channelId: opt,
  order: opt,
  page: z.preprocess(blank, z.coerce.number().int().min(1).default(1)),
});

export async function listDeliveries(shopDomain: string, filter: z.infer<typeof DeliveryFilterSchema>) {
  const shop = await shopByDomain(shopDomain);
  const db = getDb();
  const order = filter.order?.trim();
  const where = {
    shopId: shop.id,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.channelId ? { channelId: filter.channelId } : {}),
    ...(order ? { OR: [{ orderName: { in: [order, order.startsWith("#") ? order.slice(1) : `#${order}`] } }, { orderId: order }] } : {}),
  };
  const pageSize = 25;
  const [rows, total, channels, attention, receiptsFailed, inbound] = await Promise.all([
    db.outboxMessage.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (filter.page - 1) * pageSize,
      take: pageSize,
      include: { channel: { select: { name: true, type: true } }, attemptLog: { orderBy: { startedAt: "desc" }, take: 10 } },
    }),
    db.outboxMessage.count({ where }),
    db.channelConnection.findMany({ where: { shopId: shop.id }, select: { id: true, name: true } }),
    db.outboxMessage.count({ where: { shopId: shop.id, status: "needs_attention" } }),
    db.webhookReceipt.findMany({ where: { shopDomain, status: "failed" }, orderBy: { receivedAt: "desc" }, take: 20 }),
    db.inboundTrackingEvent.findMany({ where: { shopId: shop.id, result: { in: ["unknown_fulfillment", "failed"] } }, orderBy: { createdAt: "desc" }, take: 20 }),
  ]);
  return {
    total,
    page: filter.page,
    pageSize,
    attention,
    channels,
    deliveries: rows.map((r) => ({
      id: r.id,
      orderName: r.orderName,
      orderId: r.orderId,
      fulfillmentId: r.fulfillmentId,
      channelId: r.channelId,
      channelName: r.channel.name,
      channelType: r.channel.type,
      trackingValue: r.trackingValue,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      nextAttemptAt: r.status === "retrying" || r.status === "pending" ? r.nextAttemptAt.toISOString() : null,
      deliveredAt: r.deliveredAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      // Stored summaries are already redacted by the connectors (channel.ts summarizeRequest).
      attemptLog: r.attemptLog.map((a) => ({
        id: a.id,
        startedAt: a.startedAt.toISOString(),
        outcome: a.outcome,
        error: a.error,
        latencyMs: a.latencyMs,
        request: a.request,
        response: a.response,
      })),
    })),
    failedReceipts: receiptsFailed.map((r) => ({ id: r.id, topic: r.topic, orderId: r.orderId, error: r.error, receivedAt: r.receivedAt.toISOString() })),
    inboundProblems: inbound.map((e) => ({ id: e.id, source: e.source, status: e.status, result: e.result, detail: e.detail, createdAt: e.createdAt.toISOString() })),
  };
}

/** For the home page: deliveries the merchant must act on. */
export async function countNeedingAttention(shopDomain: string): Promise<number> {
  const shop = await getDb().shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
  if (!shop) return 0;
  return getDb().outboxMessage.count({ where: { shopId: shop.id, status: { in: ["needs_attention", "dead"] } } });
}

/** Puts a receipt whose planning gave up back in the planner's queue. */
export async function replanReceipt(shopDomain: string, id: string) {
  const res = await getDb().webhookReceipt.updateMany({ where: { id, shopDomain, status: "failed" }, data: { status: "received", error: null } });
  return res.count > 0;
}

export const newInboundSecret = () => randomBytes(24).toString("base64url");
export { SAMPLE_DELIVERY };
