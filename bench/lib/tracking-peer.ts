// The other side of `npm run bench:tracking`, in its own process (pinned to the other core when taskset exists):
// the loopback fakes the app reads from and pushes to, and Shopify sending the fulfillment webhooks over HTTP.
// In the app's process they cost CPU the production app never pays, and callers invoking the route action
// directly ran back to back in one event-loop phase, starving the worker's pushes during the burst.
// Driven by bench/tracking.bench.ts over the IPC channel, one command at a time, one reply each.
import { startAfterShipFake, type AfterShipFake } from "../../tests/fakes/aftership";
import { startShopifyAdminFake, type ShopifyAdminFake, type ThrottleConfig } from "../../tests/fakes/shopify-admin";
import { startWebhookSinkFake, type WebhookSinkFake } from "../../tests/fakes/webhook-sink";
import { startWishFake, type WishFake } from "../../tests/fakes/wish";
import { webhookRequest } from "../../tests/helpers/shopify";

/** One order the Admin API serves, and the fulfillment webhook that ships it. */
export interface BenchOrder {
  admin: { id: string } & Record<string, unknown>;
  /** Set for orders sold on Wish: the Wish fake must know the order to accept its tracking. */
  wishOrderId: string | null;
  fulfillment: Record<string, unknown> & { id: number };
}

export type PeerCommand =
  | { type: "start"; throttle: ThrottleConfig; sinkSecret: string; hanging: boolean }
  | { type: "orders"; orders: BenchOrder[] }
  | { type: "send"; url: string; shop: string; secret: string; concurrency: number }
  | { type: "finish" };

export interface PeerFakes {
  adminUrl: string;
  wish: { url: string; clientId: string; clientSecret: string; accessToken: string; refreshToken: string };
  sink: { url: string; path: string };
  aftership: { url: string; apiKey: string };
  hang: { url: string; path: string } | null;
}

export interface PeerCounters {
  adminOrderContextCalls: number;
  adminOrderContextsBatches: number;
  adminThrottled: number;
  wishPuts: number;
  wishOrdersWithMoreThanOnePut: number;
  aftershipDuplicateCreates: number;
  webhookDuplicateEventIds: number;
  hangingRequests: number;
}

export type PeerReply =
  | { type: "started"; fakes: PeerFakes }
  | { type: "loaded" }
  | { type: "sent"; answerMs: number[]; non200: number; errors: number; cpuMs: number }
  | { type: "finished"; counters: PeerCounters };

interface Fakes {
  admin: ShopifyAdminFake;
  wish: WishFake;
  sink: WebhookSinkFake;
  aftership: AfterShipFake;
  hang: WebhookSinkFake | null;
}

let fakes: Fakes | null = null;
let orders: BenchOrder[] = [];

async function start(c: Extract<PeerCommand, { type: "start" }>): Promise<PeerReply> {
  const admin = await startShopifyAdminFake({ throttle: c.throttle });
  const wish = await startWishFake();
  const sink = await startWebhookSinkFake({ auth: { kind: "hmac", secret: c.sinkSecret } });
  const aftership = await startAfterShipFake();
  const hang = c.hanging ? await startWebhookSinkFake({ auth: { kind: "none" }, path: "/hangs" }) : null;
  hang?.faults.always({ kind: "hang" });
  fakes = { admin, wish, sink, aftership, hang };
  const tokens = wish.state.issueTokens();
  return {
    type: "started",
    fakes: {
      adminUrl: admin.url,
      wish: { url: wish.url, clientId: wish.state.clientId, clientSecret: wish.state.clientSecret, ...tokens },
      sink: { url: sink.url, path: sink.path },
      aftership: { url: aftership.url, apiKey: aftership.state.apiKey },
      hang: hang && { url: hang.url, path: hang.path },
    },
  };
}

/** Closed loop: `concurrency` callers, each sending its next webhook once the previous one is answered. */
async function send(c: Extract<PeerCommand, { type: "send" }>): Promise<PeerReply> {
  const cpu0 = process.cpuUsage();
  const answerMs: number[] = [];
  let non200 = 0;
  let errors = 0;
  let next = 0;
  const { origin, pathname } = new URL(c.url);
  await Promise.all(
    Array.from({ length: c.concurrency }, async () => {
      for (let i = next++; i < orders.length; i = next++) {
        const request = webhookRequest(pathname, { topic: "fulfillments/create", shop: c.shop, body: orders[i].fulfillment, secret: c.secret, baseUrl: origin });
        const t = performance.now();
        try {
          // Node's fetch keeps its connections to the app alive, as Shopify's senders do.
          const res = await fetch(request);
          await res.arrayBuffer();
          if (res.status !== 200) non200++;
        } catch {
          errors++;
        }
        answerMs.push(performance.now() - t);
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { type: "sent", answerMs, non200, errors, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function finish(): Promise<PeerReply> {
  const { admin, wish, sink, aftership, hang } = fakes!;
  const eventIds = sink.state.received.map((d) => (d.body as { event_id: string }).event_id);
  const counters: PeerCounters = {
    adminOrderContextCalls: admin.callsTo("OrderContext").length,
    adminOrderContextsBatches: admin.callsTo("OrderContexts").length,
    adminThrottled: admin.throttle.throttled,
    wishPuts: wish.requests.filter((r) => r.method === "PUT").length,
    wishOrdersWithMoreThanOnePut: [...wish.state.orders.values()].filter((o) => o.trackingUpdates > 1).length,
    aftershipDuplicateCreates: aftership.requests.filter((r) => r.method === "POST").length - aftership.state.trackings.length,
    webhookDuplicateEventIds: eventIds.length - new Set(eventIds).size,
    hangingRequests: hang?.requests.length ?? 0,
  };
  // Closing the hanging sink destroys its sockets, which ends the worker's hung pushes so it can stop.
  await Promise.all([admin.close(), wish.close(), sink.close(), aftership.close(), hang?.close()]);
  fakes = null;
  return { type: "finished", counters };
}

async function handle(c: PeerCommand): Promise<PeerReply> {
  switch (c.type) {
    case "start":
      return start(c);
    case "orders":
      orders = c.orders;
      for (const o of orders) {
        fakes!.admin.state.orders[o.admin.id] = o.admin;
        if (o.wishOrderId) fakes!.wish.state.addOrder(o.wishOrderId);
      }
      return { type: "loaded" };
    case "send":
      return send(c);
    case "finish":
      return finish();
  }
}

process.on("message", (c: PeerCommand) => {
  handle(c).then(
    (reply) => process.send!(reply),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.on("disconnect", () => process.exit(0));
