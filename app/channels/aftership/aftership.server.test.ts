import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startAfterShipFake, type AfterShipFake } from "../../../tests/fakes/aftership";
import type { ChannelConnection, TrackingDelivery } from "../channel";
import { aftershipConnector } from "./index.server";
import type { AfterShipSettings } from "./settings";

let fake: AfterShipFake;
let conn: ChannelConnection<AfterShipSettings>;
// Generous, so a cold loopback request on a busy CI machine is not mistaken for a timeout; the timeout tests
// use hanging or slow faults that never answer within it.
const opts = { timeoutMs: 2_000 };

const delivery: TrackingDelivery = {
  shop: "demo.myshopify.com",
  orderId: "820982911946154508",
  orderName: "#1001",
  fulfillmentId: "9",
  trackingValue: "1Z999AA10123456784",
  trackingNumbers: ["1Z999AA10123456784"],
  trackingCompany: "UPS",
  originCountry: "US",
  destinationCountry: "US",
};

beforeEach(async () => {
  fake = await startAfterShipFake();
  conn = { settings: {}, secrets: { apiKey: fake.state.apiKey }, baseUrl: fake.url };
});
afterEach(() => fake.close());

describe("AfterShip connector against the fake", () => {
  it("creates the tracking", async () => {
    const out = await aftershipConnector.push(delivery, conn, opts);
    expect(out.result).toBe("delivered");
    expect(fake.state.trackings).toMatchObject([{ slug: "ups", tracking_number: "1Z999AA10123456784", order_number: "#1001" }]);
    if (out.result === "delivered") expect(out.request.headers["as-api-key"]).toBe("[redacted]");
  });

  it("counts a second push of the same tracking as delivered without a duplicate", async () => {
    await aftershipConnector.push(delivery, conn, opts);
    const again = await aftershipConnector.push(delivery, conn, opts);
    expect(again).toMatchObject({ result: "delivered", note: expect.stringContaining("4003") });
    expect(fake.state.trackings).toHaveLength(1);
  });

  it("recovers from a lost answer through the duplicate check", async () => {
    fake.faults.next({ kind: "reset", after: true });
    expect((await aftershipConnector.push(delivery, conn, opts)).result).toBe("retry");
    expect((await aftershipConnector.push(delivery, conn, opts)).result).toBe("delivered");
    expect(fake.state.trackings).toHaveLength(1);
  });

  it("needs attention for a wrong API key", async () => {
    const out = await aftershipConnector.push(delivery, { ...conn, secrets: { apiKey: "wrong" } }, opts);
    expect(out).toMatchObject({ result: "needs_attention", reason: expect.stringContaining("Invalid API key") });
  });

  it("retries on 429 with Retry-After", async () => {
    fake.faults.next({ kind: "status", status: 429, body: { meta: { code: 429, message: "Too many", type: "TooManyRequests" } }, headers: { "retry-after": "4" } });
    expect(await aftershipConnector.push(delivery, conn, opts)).toMatchObject({ result: "retry", retryAfterMs: 4000 });
  });

  it("retries on 500, timeout, reset and malformed JSON", async () => {
    fake.faults.next({ kind: "status", status: 500 }).next({ kind: "hang" }).next({ kind: "reset" }).next({ kind: "bad_json", status: 201 });
    for (let i = 0; i < 4; i++) expect((await aftershipConnector.push(delivery, conn, opts)).result).toBe("retry");
  });

  it("dies on 400 with the reason", async () => {
    const out = await aftershipConnector.push({ ...delivery, trackingCompany: "Acme" }, { ...conn, settings: { defaultSlug: "nope" } }, opts);
    expect(out).toMatchObject({ result: "dead", reason: expect.stringContaining("`slug` is invalid") });
  });

  it("tests the API key by listing couriers", async () => {
    expect((await aftershipConnector.test!(conn, opts)).result).toBe("delivered");
  });
});
