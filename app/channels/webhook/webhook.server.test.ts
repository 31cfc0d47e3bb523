import { afterEach, describe, expect, it } from "vitest";
import { startWebhookSinkFake, type SinkAuth, type WebhookSinkFake } from "../../../tests/fakes/webhook-sink";
import { storedSaid } from "~/lib/stored-said";
import type { ChannelConnection } from "../channel";
import { SAMPLE_DELIVERY, webhookConnector } from "./index.server";
import type { WebhookSettings } from "./settings";

let sink: WebhookSinkFake;
afterEach(() => sink.close());

// Generous, so a cold loopback request on a busy CI machine is not mistaken for a timeout; the timeout tests
// use hanging or slow faults that never answer within it.
const opts = { timeoutMs: 2_000, outbound: { allowLoopback: true, production: false } };

async function setup(auth: SinkAuth, settingsAuth: WebhookSettings["auth"], secrets: Record<string, string>) {
  sink = await startWebhookSinkFake({ auth });
  const u = new URL(sink.url);
  const conn: ChannelConnection<WebhookSettings> = {
    settings: { protocol: "http", host: u.hostname, port: Number(u.port), path: sink.path, auth: settingsAuth },
    secrets,
  };
  return conn;
}

const delivery = { ...SAMPLE_DELIVERY, deliveryKey: "k1" };

describe("webhook connector against the sink", () => {
  it("delivers a Basic-auth event the sink verifies", async () => {
    const conn = await setup({ kind: "basic", username: "wish", password: "s3cret" }, { kind: "basic", username: "wish" }, { password: "s3cret" });
    const out = await webhookConnector.push(delivery, conn, opts);
    expect(out.result).toBe("delivered");
    expect(sink.state.received[0].body).toMatchObject({ event: "in_transit", tracking_code: "110093", invoice: { invoice_number: "110093" } });
    if (out.result === "delivered") expect(out.request.headers.authorization).toBe("[redacted]");
  });

  it("delivers an HMAC-signed event in a custom header", async () => {
    const secret = "0123456789abcdef0123";
    const conn = await setup({ kind: "hmac", secret, header: "X-Signature" }, { kind: "hmac", header: "X-Signature" }, { hmacSecret: secret });
    expect((await webhookConnector.push(delivery, conn, opts)).result).toBe("delivered");
    expect(sink.state.received).toHaveLength(1);
  });

  it("needs attention when the sink rejects the signature", async () => {
    const conn = await setup({ kind: "hmac", secret: "right-secret-123456" }, { kind: "hmac" }, { hmacSecret: "wrong-secret-123456" });
    expect((await webhookConnector.push(delivery, conn, opts)).result).toBe("needs_attention");
    expect(sink.state.rejected).toBe(1);
  });

  it("refuses loopback destinations unless allowed, without sending", async () => {
    const conn = await setup({ kind: "none" }, { kind: "none" }, {});
    const out = await webhookConnector.push(delivery, conn, { timeoutMs: 300 });
    expect(out).toMatchObject({ result: "needs_attention", reason: expect.stringContaining("loopback") });
    expect(sink.requests).toHaveLength(0);
    // Stored so the delivery log says it in the merchant's language, the URL check's own reason kept as it came.
    const said = out.result === "needs_attention" ? storedSaid(out.reason) : null;
    expect(said).toMatchObject({ parts: [{ key: "deliveries:stored.destinationRefused", params: { url: expect.stringContaining(sink.path) } }, { verbatim: expect.stringContaining("loopback") }] });
  });

  it("sends a sample test event", async () => {
    const conn = await setup({ kind: "none" }, { kind: "none" }, {});
    expect((await webhookConnector.test!(conn, opts)).result).toBe("delivered");
    expect(sink.state.received[0].body).toMatchObject({ event: "test", test: true });
  });

  it("retries on 429 with Retry-After, 500, timeout and reset", async () => {
    const conn = await setup({ kind: "none" }, { kind: "none" }, {});
    sink.faults.next({ kind: "status", status: 429, headers: { "retry-after": "9" } });
    expect(await webhookConnector.push(delivery, conn, opts)).toMatchObject({ result: "retry", retryAfterMs: 9000 });
    sink.faults.next({ kind: "status", status: 500 }).next({ kind: "hang" }).next({ kind: "reset" });
    for (let i = 0; i < 3; i++) expect((await webhookConnector.push(delivery, conn, opts)).result).toBe("retry");
  });

  it("counts a 2xx with a malformed body as delivered, since the body is ignored", async () => {
    const conn = await setup({ kind: "none" }, { kind: "none" }, {});
    sink.faults.next({ kind: "bad_json" });
    expect((await webhookConnector.push(delivery, conn, opts)).result).toBe("delivered");
  });

  it("dies on 400 with the reason", async () => {
    const conn = await setup({ kind: "none" }, { kind: "none" }, {});
    sink.faults.next({ kind: "status", status: 400, body: "order_number is required" });
    expect(await webhookConnector.push(delivery, conn, opts)).toMatchObject({
      result: "dead",
      reason: expect.stringContaining("order_number is required"),
    });
  });
});
