import { describe, expect, it } from "vitest";
import { storedSaid } from "~/lib/stored-said";
import { sayIn } from "../../tests/helpers/said";
import { CHANNEL_TYPES, getConnector, getInboundFormat, INBOUND_FORMATS, pushStored } from "./registry.server";

describe("channel registry", () => {
  it("has one connector per channel type, each declaring its secret fields", () => {
    expect([...CHANNEL_TYPES].sort()).toEqual(["aftership", "ultracart", "webhook", "wish"]);
    for (const type of CHANNEL_TYPES) {
      const c = getConnector(type)!;
      expect(c.type).toBe(type);
      expect(c.secretFields.length).toBeGreaterThan(0);
    }
  });

  it.each(CHANNEL_TYPES)("gives %s every piece a connector needs", (type) => {
    const c = getConnector(type)!;
    expect(c.label).toMatch(/\S/);
    expect(typeof c.push).toBe("function");
    expect(typeof c.receivesEveryStatus).toBe("boolean");
    expect(c.form.fields.length).toBeGreaterThan(0);
    expect(typeof c.form.toStored).toBe("function");
    // Every field the form shows is one its schema reads, and every secret it shows is stored sealed.
    const shape = Object.keys((c.form.schema as unknown as { shape: Record<string, unknown> }).shape);
    for (const f of c.form.fields) expect(shape).toContain(f.name);
    for (const f of c.form.fields.filter((x) => x.secret)) expect(c.secretFields).toContain(f.name);
    if (c.inboundFormat) expect(getInboundFormat(c.inboundFormat)?.id).toBe(c.inboundFormat);
  });

  it("registers every inbound format some connector accepts, and no other", () => {
    const accepted = CHANNEL_TYPES.map((t) => getConnector(t)!.inboundFormat).filter(Boolean).sort();
    expect(Object.keys(INBOUND_FORMATS).sort()).toEqual(accepted);
  });

  it("returns null for unknown types", () => {
    expect(getConnector("ebay")).toBeNull();
    expect(getConnector("toString")).toBeNull();
    expect(getInboundFormat("toString")).toBeNull();
  });

  it("validates settings through each connector's schema", () => {
    expect(getConnector("ultracart")!.settingsSchema.safeParse({ distributionCenterCode: "DFLT" }).success).toBe(true);
    expect(getConnector("ultracart")!.settingsSchema.safeParse({}).success).toBe(false);
  });

  it("parks a push with invalid stored settings or credentials without sending it", async () => {
    const delivery = {
      shop: "s", orderId: "1", orderName: "#1", fulfillmentId: "2", trackingValue: "T123",
      trackingNumbers: [], originCountry: "US", destinationCountry: "US", channelOrderId: "O1",
    };
    const badSettings = await pushStored("ultracart", delivery, { settings: {}, secrets: { simpleKey: "k" } }, {});
    expect(badSettings).toMatchObject({ result: "needs_attention", reason: expect.stringContaining("distributionCenterCode") });
    const badSecrets = await pushStored("ultracart", delivery, { settings: { distributionCenterCode: "D" }, secrets: {} }, {});
    expect(badSecrets).toMatchObject({ result: "needs_attention", reason: expect.stringContaining("simpleKey") });
    // Waypost's own sentence, stored so the delivery log says it in the merchant's language.
    const fr = await sayIn("fr");
    expect(fr(storedSaid((badSecrets as { reason: string }).reason))).toBe(
      "Les identifiants UltraCart sont manquants ou non valides (simpleKey)\u00a0; reconnectez-vous et réessayez",
    );
    const unknown = await pushStored("ebay", delivery, { settings: {}, secrets: {} }, {});
    expect(fr(storedSaid((unknown as { reason: string }).reason))).toBe("Type de canal inconnu\u00a0: «\u00a0ebay\u00a0»");
  });
});
