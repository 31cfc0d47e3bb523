import { describe, expect, it } from "vitest";
import { parseNfeReference, type NfeReference } from "../nfe";
import { deliveryKey, trackingValueFor } from "./idempotency";
import { parts, say } from "~/lib/said";

/** Where the NF-e is looked for when the shop did not say (the Brazilian metafield). */
const METAFIELD = say("deliveries:stored.nfeSource.metafield", { name: "br.nfe_key" });

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
      needsAttention: parts(say("deliveries:stored.nfeKeyMissing", { order: "#1001" }), METAFIELD),
    });
  });

  it("explains that a bare number is not enough when the key is wanted", () => {
    const r = trackingValueFor({ wants: "nfe_key" }, { orderName: "1001", trackingNumbers: [], nfe: nfe("42") });
    expect(r).toEqual({ ok: false, needsAttention: parts(say("deliveries:stored.nfeKeyOnlyNumber", { order: "#1001", number: "42" }), METAFIELD) });
  });

  it("passes on why a stored NF-e value was rejected", () => {
    const r = trackingValueFor(
      { wants: "nfe_number" },
      { orderName: "#7", trackingNumbers: [], nfe: null, nfeError: "check digit is 1, expected 5" },
    );
    expect(r).toEqual({
      ok: false,
      needsAttention: parts(say("deliveries:stored.invalidNfe", { order: "#7", error: "check digit is 1, expected 5" }), METAFIELD),
    });
  });

  it("asks for a tracking number when the fulfillment has none", () => {
    expect(trackingValueFor({ wants: "tracking_number" }, { orderName: "#9", trackingNumbers: [], nfe: null })).toMatchObject({
      ok: false,
    });
  });
});
