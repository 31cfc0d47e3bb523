import { describe, expect, it } from "vitest";
import { type SetupFacts, checkoutReady, setupGuideState } from "./setup-guide";

const empty: SetupFacts = {
  carriers: { connected: 0, needsReconnect: [] },
  ownRateTables: false,
  zones: [],
  boxes: 0,
  products: { missingWeight: 0, missingDimensions: 0, oversize: 0, total: 0, complete: true },
  testPassedAt: null,
  carrierService: "unregistered",
  dismissed: false,
};

const complete: SetupFacts = {
  ...empty,
  carriers: { connected: 1, needsReconnect: [] },
  zones: [{ id: "us", name: "United States", enabledServices: 2 }],
  boxes: 1,
  testPassedAt: "2026-12-01T10:00:00.000Z",
  carrierService: "active",
};

const statuses = (f: SetupFacts) => Object.fromEntries(setupGuideState(f).steps.map((s) => [s.id, s.status]));

describe("the setup guide", () => {
  it("starts with every step to do on an empty shop", () => {
    const state = setupGuideState(empty);
    expect(state.completed).toBe(0);
    expect(state.visible).toBe(true);
    expect(new Set(state.steps.map((s) => s.status))).toEqual(new Set(["todo"]));
  });

  it("counts every step done on a complete shop", () => {
    expect(setupGuideState(complete).completed).toBe(6);
  });

  it("accepts the merchant's own rate tables instead of a carrier account", () => {
    expect(statuses({ ...empty, ownRateTables: true }).carrier).toBe("done");
  });

  it("marks the services step broken and names the zone when a zone has no enabled service", () => {
    const facts = { ...complete, zones: [...complete.zones, { id: "new", name: "New zone", enabledServices: 0 }] };
    const state = setupGuideState(facts);
    expect(statuses(facts).services).toBe("broken");
    expect(state.zonesWithoutServices).toEqual([{ id: "new", name: "New zone" }]);
  });

  it("keeps the product step to do while products miss weight or dimensions, or no box exists", () => {
    expect(statuses({ ...complete, products: { missingWeight: 1, missingDimensions: 0, oversize: 0, total: 3, complete: true } }).products).toBe("todo");
    // The first page alone proves nothing about the rest of the catalogue.
    expect(statuses({ ...complete, products: { missingWeight: 0, missingDimensions: 0, oversize: 0, total: 100, complete: false } }).products).toBe("todo");
    expect(statuses({ ...complete, boxes: 0 }).products).toBe("todo");
    expect(statuses({ ...complete, products: null }).products).toBe("todo");
  });

  it("stays hidden once dismissed while nothing is broken", () => {
    expect(setupGuideState({ ...empty, dismissed: true }).visible).toBe(false);
  });

  it("comes back after dismissal when a carrier needs reconnecting, the registration is refused, or a zone is empty", () => {
    const dismissed = { ...complete, dismissed: true };
    const reconnect = { ...dismissed, carriers: { connected: 1, needsReconnect: [{ carrierId: "ups", displayName: "UPS", href: "/app/carriers/ups" }] } };
    expect(setupGuideState(reconnect)).toMatchObject({ visible: true, broken: ["carrier"] });
    expect(setupGuideState({ ...dismissed, carrierService: "refused" })).toMatchObject({ visible: true, broken: ["shopify"] });
    expect(setupGuideState({ ...dismissed, zones: [{ id: "z", name: "Z", enabledServices: 0 }] })).toMatchObject({ visible: true, broken: ["services"] });
  });
});

describe("the checkout status on the home page", () => {
  it("is active only when Shopify accepted the carrier service and some zone can answer", () => {
    expect(checkoutReady(complete)).toBe(true);
    expect(checkoutReady({ ...complete, zones: [{ id: "z", name: "Z", enabledServices: 0 }] })).toBe(false);
    expect(checkoutReady({ ...complete, carrierService: "refused" })).toBe(false);
  });
});
