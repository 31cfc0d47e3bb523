// Partner webhooks through the durable outbox: leases (a live claim is never sent twice, a lapsed one is taken
// over), events of one order in order, the attempt budget ending in a dead letter, replay, and the background worker
// delivering a signed event on its own. The receiver is the loopback webhook sink.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { storedSaid } from "~/lib/stored-said";
import { unseal } from "~/lib/secrets.server";
import { inviteProvider } from "~/services/partners/invitations.server";
import { approvePendingLink, updateLinkSettings } from "~/services/partners/links.server";
import { acceptOrder, handleNotification, listProviderOrders } from "~/services/partners/orders.server";
import { claimPartnerWebhooks, deliverPartnerWebhooks, PARTNER_LEASE_MS, sendClaimedWebhook } from "~/services/partners/webhook-delivery.server";
import { PARTNER_ATTEMPTS_KEPT } from "~/services/partners/webhook-attempts.server";
import { startPartnerWebhookWorker } from "~/services/partners/webhook-worker.server";
import * as linksRoute from "~/routes/partners.links";
import { sha256 } from "~/services/partners/tokens.server";
import { replayPartnerWebhook, SIGNATURE_HEADER } from "~/services/partners/webhooks.server";
import { MAX_ATTEMPTS } from "~/services/tracking/outbox.server";
import { verifySinkAuth } from "../fakes/webhook-sink";
import { sayIn } from "../helpers/said";
import { capturingContext, createProviderRow, foAt } from "./partners-world";
import { useTrackingWorld } from "./tracking-world";

const SHOP = "partner-hooks.myshopify.com";
const world = useTrackingWorld(SHOP);
const hours = (n: number) => n * 3_600_000;

/** An active link whose webhook URL is the sink, with one order requested (so one order.created is queued). */
async function linkWithOrder() {
  const { ctx } = capturingContext();
  const provider = await createProviderRow();
  await inviteProvider(ctx, world.shopId, { by: "partner_id", value: provider.publicId });
  const pending = await getDb().partnerLink.findFirstOrThrow({ where: { shopId: world.shopId, providerId: provider.id } });
  const link = await approvePendingLink(ctx, { providerId: provider.id }, pending.id);
  await updateLinkSettings(ctx, provider.id, link.id, { webhookUrl: `${world.sink.url}${world.sink.path}` });
  world.sink.state.auth = { kind: "none" };
  foAt(world, link.locationId!);
  await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
  const [order] = await listProviderOrders(ctx, provider.id);
  return { ctx, provider, link, order: order! };
}

const messages = (linkId: string) => getDb().partnerWebhookMessage.findMany({ where: { linkId }, orderBy: { createdAt: "asc" } });
const at = (ms: number) => capturingContext({ now: () => new Date(Date.now() + ms) }).ctx;

describe("partner webhook leases", () => {
  it("never sends a row another worker holds, and takes it over once that worker's lease lapses", async () => {
    const { ctx, link } = await linkWithOrder();
    const taken = await claimPartnerWebhooks(ctx, "crashed-worker", { limit: 10, leaseMs: PARTNER_LEASE_MS });
    expect(taken).toHaveLength(1);
    expect(await deliverPartnerWebhooks(ctx)).toEqual({});
    expect(world.sink.state.received).toHaveLength(0);
    // The crashed worker never renews: after its lease, any worker sends the row, once.
    expect(await deliverPartnerWebhooks(at(PARTNER_LEASE_MS + 1_000))).toEqual({ delivered: 1 });
    expect(world.sink.state.received).toHaveLength(1);
    expect((await messages(link.id))[0]).toMatchObject({ status: "delivered", attempts: 1, leaseOwner: null, leaseUntil: null });
  });

  it("records nothing for a worker that lost its row to another", async () => {
    const { ctx, link } = await linkWithOrder();
    const [row] = await claimPartnerWebhooks(ctx, "first", { limit: 1, leaseMs: PARTNER_LEASE_MS });
    // Another worker took the row over (the first one's lease lapsed while it was stalled).
    await getDb().partnerWebhookMessage.updateMany({ where: { id: row!.id, shopId: world.shopId }, data: { leaseOwner: "second" } });
    expect(await sendClaimedWebhook(ctx, row!, "first")).toBe("lost_lease");
    expect((await messages(link.id))[0]).toMatchObject({ status: "pending", attempts: 0, leaseOwner: "second" });
  });

  it("sends the events of one order in order, holding order.updated while order.created is retrying", async () => {
    const { ctx, provider, link, order } = await linkWithOrder();
    world.sink.faults.next({ kind: "status", status: 503 });
    expect(await deliverPartnerWebhooks(ctx)).toEqual({ retrying: 1 });
    await acceptOrder(ctx, provider.id, order.id);
    // order.updated is due now, but its order's order.created is still waiting for its retry.
    expect(await deliverPartnerWebhooks(ctx)).toEqual({});
    expect(await deliverPartnerWebhooks(at(hours(2)))).toEqual({ delivered: 1 });
    expect(await deliverPartnerWebhooks(at(hours(2)))).toEqual({ delivered: 1 });
    expect(world.sink.state.received.map((r) => (r.body as { event: string }).event)).toEqual(["order.created", "order.updated"]);
    expect((await messages(link.id)).map((m) => m.status)).toEqual(["delivered", "delivered"]);
  });
});

describe("partner webhook retries and dead letters", () => {
  it("dead-letters an event after the tracking outbox's attempt budget and sends it again on replay", async () => {
    const { ctx, provider, link } = await linkWithOrder();
    world.sink.faults.always({ kind: "status", status: 500 });
    let clock = 0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await deliverPartnerWebhooks(at(clock))).toEqual({ retrying: 1 });
      clock += hours(7); // past the longest delay of the schedule (6 h, +20 % jitter is capped)
    }
    expect(await deliverPartnerWebhooks(at(clock))).toEqual({ dead: 1 });
    const [dead] = await messages(link.id);
    expect(dead).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS });
    // Waypost's own words in the reader's language; the receiver's answer (HTTP 500) as it came.
    expect((await sayIn("fr"))(storedSaid(dead!.lastError!))).toBe("Abandon après 12 tentatives · HTTP 500");
    expect(await deliverPartnerWebhooks(at(clock + hours(24)))).toEqual({});

    world.sink.faults.clear();
    await replayPartnerWebhook(ctx, provider.id, dead!.id);
    expect(await deliverPartnerWebhooks(ctx)).toEqual({ delivered: 1 });
    expect((await messages(link.id))[0]).toMatchObject({ status: "delivered", attempts: 1, lastError: null });
  });

  it("refuses to replay a message a worker is sending right now", async () => {
    const { ctx, provider, link } = await linkWithOrder();
    world.sink.faults.next({ kind: "status", status: 503 });
    await deliverPartnerWebhooks(ctx);
    const [msg] = await messages(link.id);
    await getDb().partnerWebhookMessage.updateMany({ where: { id: msg!.id, shopId: world.shopId }, data: { leaseOwner: "busy", leaseUntil: new Date(Date.now() + PARTNER_LEASE_MS) } });
    await expect(replayPartnerWebhook(ctx, provider.id, msg!.id)).rejects.toThrow(/not found/);
  });
});

const attemptsOf = (messageId: string) => getDb().partnerWebhookAttempt.findMany({ where: { messageId, shopId: world.shopId }, orderBy: { startedAt: "asc" } });

describe("the partner webhook attempt log", () => {
  it("records each attempt's time, status, duration and a short answer, with the link's secret masked", async () => {
    const { ctx, link } = await linkWithOrder();
    const row = await getDb().partnerLink.findFirstOrThrow({ where: { id: link.id, shopId: world.shopId } });
    const secret = unseal(row.webhookSecret, "partner-link-webhook");
    world.sink.faults.next({ kind: "status", status: 503, body: { error: `overloaded; check secret ${secret}` } });
    expect(await deliverPartnerWebhooks(ctx)).toEqual({ retrying: 1 });
    world.sink.faults.next({ kind: "reset" });
    expect(await deliverPartnerWebhooks(at(hours(1)))).toEqual({ retrying: 1 });
    expect(await deliverPartnerWebhooks(at(hours(3)))).toEqual({ delivered: 1 });

    const [msg] = await messages(link.id);
    const log = await attemptsOf(msg!.id);
    expect(log.map((a) => [a.httpStatus, a.errorClass?.split(":")[0] ?? null])).toEqual([[503, null], [null, "network"], [200, null]]);
    expect(log[0]!.excerpt).toContain("overloaded");
    expect(log.map((a) => a.excerpt ?? "").join(" ")).not.toContain(secret);
    expect(log.every((a) => a.durationMs >= 0 && a.durationMs < 60_000)).toBe(true);
  });

  it("keeps only the newest attempts of a message (replays give a fresh budget, the log stays bounded)", async () => {
    const { ctx, link } = await linkWithOrder();
    const [msg] = await messages(link.id);
    const old = Array.from({ length: PARTNER_ATTEMPTS_KEPT }, (_, i) => ({ messageId: msg!.id, shopId: world.shopId, startedAt: new Date(Date.now() - hours(48) + i), durationMs: 5, httpStatus: 500 }));
    await getDb().partnerWebhookAttempt.createMany({ data: old });
    expect(await deliverPartnerWebhooks(ctx)).toEqual({ delivered: 1 });
    const log = await attemptsOf(msg!.id);
    expect(log).toHaveLength(PARTNER_ATTEMPTS_KEPT);
    expect(log.at(-1)).toMatchObject({ httpStatus: 200 });
    expect(log.filter((a) => a.httpStatus === 500)).toHaveLength(PARTNER_ATTEMPTS_KEPT - 1);
  });

  it("shows the provider its own messages' attempts in the portal's webhook view, and nobody else's", async () => {
    const { provider, link } = await linkWithOrder();
    const other = await linkWithOrder();
    world.sink.faults.next({ kind: "status", status: 429 });
    await deliverPartnerWebhooks(capturingContext().ctx);
    const user = await getDb().providerUser.create({ data: { providerId: provider.id, email: provider.email, passwordHash: "x" } });
    await getDb().portalSession.create({ data: { id: sha256(`s-${provider.id}`), userId: user.id, providerId: provider.id, csrfToken: "c", expiresAt: new Date(Date.now() + hours(1)) } });
    const request = new Request(`${process.env.SHOPIFY_APP_URL}/partners/links`, { headers: { Cookie: `wp_portal=s-${provider.id}` } });
    const data = await linksRoute.loader({ request, params: {}, context: {} });
    const [mine] = await messages(link.id);
    expect(data.webhooks.map((m) => m.id)).toEqual([mine!.id]);
    expect(data.webhooks[0]!.log).toHaveLength(1);
    expect(data.webhooks[0]!.log[0]).toMatchObject({ httpStatus: expect.any(Number) });
    expect(data.webhooks.map((m) => m.id)).not.toContain((await messages(other.link.id))[0]!.id);
  });
});

describe("the partner webhook worker", () => {
  it("delivers a queued event in the background, signed with the link's secret", async () => {
    const { ctx, link } = await linkWithOrder();
    const worker = startPartnerWebhookWorker(ctx, { pollMs: 50 });
    try {
      for (let i = 0; i < 200 && world.sink.state.received.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      await worker.stop();
    }
    const [delivered] = world.sink.state.received;
    expect(delivered).toBeDefined();
    const row = await getDb().partnerLink.findFirstOrThrow({ where: { id: link.id, shopId: world.shopId } });
    const secret = unseal(row.webhookSecret, "partner-link-webhook");
    expect(verifySinkAuth({ kind: "hmac", secret, header: SIGNATURE_HEADER }, delivered!.headers, delivered!.bodyText)).toBe(true);
    expect(delivered!.headers["x-waypost-event"]).toBe("order.created");
    expect((await messages(link.id))[0]).toMatchObject({ status: "delivered" });
  });
});
