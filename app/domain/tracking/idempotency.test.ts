import { describe, expect, it } from "vitest";
import { parseNfeReference, type NfeReference } from "../nfe";
import { deliveryKey, trackingValueFor } from "./idempotency";

const base = { shop: "demo.myshopify.com", fulfillmentId: 42, channelConnectionId: "c1", trackingValue: "1Z999" };

function nfe(input: string): NfeReference {
  const r = parseNfeReference(input, { now: new Date("2025-01-01") });
  if (!r.ok) throw new Error(r.error);
  return r.ref;
}

describe("deliveryKey", () => {
  it("is stable across id spellings and shop case", () => {
    const a = deliveryKey(base);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(deliveryKey({ ...base, shop: "DEMO.myshopify.com", fulfillmentId: "gid://shopify/Fulfillment/42" })).toBe(a);
  });

  it("changes with the tracking value, the connection and the event", () => {
    const a = deliveryKey(base);
    expect(deliveryKey({ ...base, trackingValue: "1Z998" })).not.toBe(a);
    expect(deliveryKey({ ...base, channelConnectionId: "c2" })).not.toBe(a);
    expect(deliveryKey({ ...base, event: "delivered" })).not.toBe(a);
  });
});

describe("trackingValueFor", () => {
  const key = "33150308370779000149550010001100931002410775";

  it("uses the first non-blank tracking number", () => {
    expect(trackingValueFor({ wants: "tracking_number" }, { orderName: "#1001", trackingNumbers: [" ", "AB1"], nfe: null })).toEqual({
      ok: true,
      value: "AB1",
    });
  });

  it("uses the NF-e number from a key or a bare number", () => {
    expect(trackingValueFor({ wants: "nfe_number" }, { orderName: "#1001", trackingNumbers: [], nfe: nfe(key) })).toEqual({
      ok: true,
      value: "110093",
    });
    expect(trackingValueFor({ wants: "nfe_number" }, { orderName: "#1001", trackingNumbers: [], nfe: nfe("0042") })).toEqual({
      ok: true,
      value: "42",
    });
  });

  it("asks the merchant for a missing access key", () => {
    expect(trackingValueFor({ wants: "nfe_key" }, { orderName: "#1001", trackingNumbers: ["X"], nfe: null })).toEqual({
      ok: false,
      needsAttention: "Order #1001 needs an NF-e access key: none found in metafield br.nfe_key; add it and retry",
    });
  });

  it("explains that a bare number is not enough when the key is wanted", () => {
    const r = trackingValueFor({ wants: "nfe_key" }, { orderName: "1001", trackingNumbers: [], nfe: nfe("42") });
    expect(r).toMatchObject({ ok: false, needsAttention: expect.stringContaining("holds only the NF-e number 42") });
  });

  it("passes on why a stored NF-e value was rejected", () => {
    const r = trackingValueFor(
      { wants: "nfe_number" },
      { orderName: "#7", trackingNumbers: [], nfe: null, nfeError: "check digit is 1, expected 5" },
    );
    expect(r).toEqual({
      ok: false,
      needsAttention: "Order #7 has an invalid NF-e value in metafield br.nfe_key (check digit is 1, expected 5); correct it and retry",
    });
  });

  it("asks for a tracking number when the fulfillment has none", () => {
    expect(trackingValueFor({ wants: "tracking_number" }, { orderName: "#9", trackingNumbers: [], nfe: null })).toMatchObject({
      ok: false,
    });
  });
});
