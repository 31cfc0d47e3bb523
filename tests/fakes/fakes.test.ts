import { afterEach, describe, expect, it } from "vitest";
import { startAfterShipFake } from "./aftership";
import { json, startHttpFake } from "./http-fake";
import { Faults } from "./misbehave";
import { startUltraCartFake } from "./ultracart";
import { startWishFake } from "./wish";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

describe("Faults", () => {
  it("hands out queued faults once, in order, before the persistent one", () => {
    const f = new Faults().next({ kind: "reset" }).next({ kind: "hang" }).always({ kind: "slow", ms: 5 });
    expect(f.take("GET", "/")?.kind).toBe("reset");
    expect(f.take("GET", "/")?.kind).toBe("hang");
    expect(f.take("GET", "/")?.kind).toBe("slow");
    expect(f.take("GET", "/")?.kind).toBe("slow");
    f.clear();
    expect(f.take("GET", "/")).toBeNull();
  });

  it("gives a matched fault only to matching requests", () => {
    const f = new Faults().next({ kind: "reset" }, { method: "PUT", path: /tracking$/ });
    expect(f.take("GET", "/orders/1")).toBeNull();
    expect(f.take("PUT", "/orders/1/tracking")?.kind).toBe("reset");
  });
});

describe("http fake", () => {
  it("routes with params, logs requests and answers JSON", async () => {
    const fake = await startHttpFake();
    closers.push(fake.close);
    fake.route("POST", "/things/:id", (req) => json(201, { id: req.params.id, got: req.json }));
    const res = await fetch(`${fake.url}/things/a%20b?x=1`, { method: "POST", body: '{"n":1}' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: "a b", got: { n: 1 } });
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/things/a%20b", query: "?x=1", json: { n: 1 }, fault: null });
  });

  it("answers a status fault without running the handler", async () => {
    const fake = await startHttpFake();
    closers.push(fake.close);
    let ran = false;
    fake.route("GET", "/", () => {
      ran = true;
      return json(200, {});
    });
    fake.faults.next({ kind: "status", status: 503, headers: { "retry-after": "1" } });
    const res = await fetch(fake.url);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(ran).toBe(false);
  });
});

describe("Wish fake", () => {
  it("rejects missing tokens and invalid tracking like Wish", async () => {
    const wish = await startWishFake();
    closers.push(wish.close);
    wish.state.addOrder("o1");
    const { accessToken } = wish.state.issueTokens();
    const put = (headers: Record<string, string>, body: unknown) =>
      fetch(`${wish.url}/api/v3/orders/o1/tracking`, { method: "PUT", headers, body: JSON.stringify(body) });
    expect((await put({}, {})).status).toBe(401);
    const bad = await put({ authorization: `Bearer ${accessToken}` }, { tracking_number: "A B", shipping_provider: "UPS", origin_country: "US" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 1000, message: expect.stringContaining("alphanumeric") });
  });
});

describe("UltraCart fake", () => {
  it("requires the API version header and caps shipments at 100", async () => {
    const uc = await startUltraCartFake();
    closers.push(uc.close);
    const url = `${uc.url}/rest/v2/fulfillment/distribution_centers/DFLT/shipments`;
    const noVersion = await fetch(url, { method: "POST", headers: { "x-ultracart-simple-key": uc.state.simpleKey }, body: "[]" });
    expect(noVersion.status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => ({ order_id: `O${i}`, tracking_numbers: ["T"] }));
    const tooMany = await fetch(url, {
      method: "POST",
      headers: { "x-ultracart-simple-key": uc.state.simpleKey, "x-ultracart-api-version": "2017-03-01" },
      body: JSON.stringify(many),
    });
    expect(await tooMany.json()).toMatchObject({ error: { user_message: "shipments can not contain more than 100 records at a time" } });
  });
});

describe("AfterShip fake", () => {
  it("expects the wrapped body before 2024-04 and the flat body after", async () => {
    const as = await startAfterShipFake();
    closers.push(as.close);
    const post = (version: string, body: unknown) =>
      fetch(`${as.url}/tracking/${version}/trackings`, {
        method: "POST",
        headers: { "as-api-key": as.state.apiKey, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post("2023-10", { tracking: { slug: "ups", tracking_number: "1Z1234" } })).status).toBe(201);
    expect((await post("2024-04", { tracking: { slug: "ups", tracking_number: "1Z5678" } })).status).toBe(400);
    expect(as.state.trackings).toHaveLength(1);
  });
});
