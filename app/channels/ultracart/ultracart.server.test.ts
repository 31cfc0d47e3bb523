import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startUltraCartFake, type UltraCartFake } from "../../../tests/fakes/ultracart";
import type { ChannelConnection, TrackingDelivery } from "../channel";
import { ultracartConnector } from "./index.server";
import type { UltraCartSettings } from "./settings";

let fake: UltraCartFake;
let conn: ChannelConnection<UltraCartSettings>;
// Generous, so a cold loopback request on a busy CI machine is not mistaken for a timeout; the timeout tests
// use hanging or slow faults that never answer within it.
const opts = { timeoutMs: 2_000 };

const delivery: TrackingDelivery = {
  shop: "demo.myshopify.com",
  orderId: "1",
  orderName: "#1001",
  channelOrderId: "DEMO-12345",
  fulfillmentId: "9",
  trackingValue: "1Z999AA10123456784",
  trackingNumbers: ["1Z999AA10123456784"],
  carrierFeeMinor: 1699,
  currency: "USD",
  originCountry: "US",
  destinationCountry: "US",
};

beforeEach(async () => {
  fake = await startUltraCartFake();
  fake.state.addOrder("DEMO-12345");
  conn = { settings: { distributionCenterCode: "DFLT" }, secrets: { simpleKey: fake.state.simpleKey }, baseUrl: fake.url };
});
afterEach(() => fake.close());

describe("UltraCart connector against the fake", () => {
  it("marks the order shipped with tracking and shipping cost", async () => {
    const out = await ultracartConnector.push(delivery, conn, opts);
    expect(out.result).toBe("delivered");
    const order = fake.state.orders.get("DEMO-12345")!;
    expect(order.stage).toBe("Completed Order");
    expect(order.shipments).toEqual([{ order_id: "DEMO-12345", tracking_numbers: ["1Z999AA10123456784"], shipping_cost: 16.99 }]);
    expect(fake.requests[0].headers["x-ultracart-api-version"]).toBe("2017-03-01");
    if (out.result === "delivered") expect(out.request.headers["x-ultracart-simple-key"]).toBe("[redacted]");
  });

  it("needs attention when the simple key is wrong", async () => {
    const out = await ultracartConnector.push(delivery, { ...conn, secrets: { simpleKey: "nope" } }, opts);
    expect(out).toMatchObject({ result: "needs_attention", reason: expect.stringContaining("Invalid credentials") });
  });

  it("dies with UltraCart's reason on 400", async () => {
    const out = await ultracartConnector.push({ ...delivery, channelOrderId: "DEMO-99999" }, conn, opts);
    expect(out).toMatchObject({ result: "dead", reason: expect.stringContaining("DEMO-99999 is not queued") });
  });

  it("retries on 429 with Retry-After", async () => {
    fake.faults.next({ kind: "status", status: 429, headers: { "retry-after": "3" } });
    expect(await ultracartConnector.push(delivery, conn, opts)).toMatchObject({ result: "retry", retryAfterMs: 3000 });
  });

  it("retries on 500, timeout, reset and malformed JSON", async () => {
    fake.faults
      .next({ kind: "status", status: 500, body: { error: { user_message: "boom" } } })
      .next({ kind: "hang" })
      .next({ kind: "reset" })
      .next({ kind: "bad_json" });
    for (let i = 0; i < 4; i++) expect((await ultracartConnector.push(delivery, conn, opts)).result).toBe("retry");
  });

  it("tests the key and the distribution center code", async () => {
    expect((await ultracartConnector.test!(conn, opts)).result).toBe("delivered");
    const wrongDc = await ultracartConnector.test!({ ...conn, settings: { distributionCenterCode: "XX" } }, opts);
    expect(wrongDc).toMatchObject({ result: "needs_attention", reason: expect.stringContaining("found: DFLT") });
  });
});
