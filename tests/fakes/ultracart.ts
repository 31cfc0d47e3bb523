// Loopback fake of UltraCart REST v2 fulfillment shipments (contracts.md §E5): simple-key auth, API version
// header, ≤100 shipments per call, 204 on success, ErrorResponse bodies with a UC-REST-ERROR header on failure.
import { json, startHttpFake, type FakeResponse, type LoggedRequest } from "./http-fake";
import type { Faults } from "./misbehave";

export interface UltraCartShipment {
  order_id: string;
  tracking_numbers: string[];
  shipping_cost?: number;
  fulfillment_fee?: number;
  package_cost?: number;
}

export interface UltraCartOrder {
  orderId: string;
  distributionCenter: string;
  stage: "Shipping Department" | "Completed Order";
  shipments: UltraCartShipment[];
}

export interface UltraCartFakeState {
  simpleKey: string;
  distributionCenters: Set<string>;
  orders: Map<string, UltraCartOrder>;
  addOrder(orderId: string, distributionCenter?: string): UltraCartOrder;
}

export interface UltraCartFake {
  url: string;
  requests: LoggedRequest[];
  faults: Faults;
  state: UltraCartFakeState;
  close(): Promise<void>;
}

function ucError(status: number, userMessage: string, developerMessage = userMessage): FakeResponse {
  return json(
    status,
    {
      error: { developer_message: developerMessage, user_message: userMessage, error_code: null, more_info: null, object_id: null },
      metadata: {},
      success: false,
    },
    { "uc-rest-error": userMessage },
  );
}

const isMoney = (v: unknown) => v === undefined || (typeof v === "number" && Number.isFinite(v) && v >= 0);

export async function startUltraCartFake(opts: { simpleKey?: string; distributionCenters?: string[] } = {}): Promise<UltraCartFake> {
  const fake = await startHttpFake();
  const state: UltraCartFakeState = {
    simpleKey: opts.simpleKey ?? "uc-simple-key-0123456789",
    distributionCenters: new Set(opts.distributionCenters ?? ["DFLT"]),
    orders: new Map(),
    addOrder(orderId, distributionCenter = "DFLT") {
      const order: UltraCartOrder = { orderId, distributionCenter, stage: "Shipping Department", shipments: [] };
      state.orders.set(orderId, order);
      return order;
    },
  };

  fake.route("GET", "/rest/v2/fulfillment/distribution_centers", (req) => {
    if (req.headers["x-ultracart-simple-key"] !== state.simpleKey) return ucError(401, "Invalid credentials supplied");
    const distribution_centers = [...state.distributionCenters].map((code) => ({ code, name: code }));
    return json(200, { distribution_centers, success: true, metadata: {} });
  });

  fake.route("POST", "/rest/v2/fulfillment/distribution_centers/:dc/shipments", (req) => {
    if (req.headers["x-ultracart-simple-key"] !== state.simpleKey) return ucError(401, "Invalid credentials supplied");
    if (req.headers["x-ultracart-api-version"] !== "2017-03-01") {
      return ucError(400, "X-UltraCart-Api-Version header is required (2017-03-01)");
    }
    if (!state.distributionCenters.has(req.params.dc)) {
      return ucError(404, `Distribution center ${req.params.dc} not found`);
    }
    const body = req.json;
    if (!Array.isArray(body)) return ucError(400, "shipments must be a JSON array");
    if (body.length > 100) return ucError(400, "shipments can not contain more than 100 records at a time");
    for (const s of body as Array<Partial<UltraCartShipment>>) {
      if (typeof s?.order_id !== "string" || s.order_id === "") return ucError(400, "order_id is required");
      const order = state.orders.get(s.order_id);
      if (!order || order.distributionCenter !== req.params.dc) {
        return ucError(400, `Order ${s.order_id} is not queued at distribution center ${req.params.dc}`);
      }
      if (!Array.isArray(s.tracking_numbers) || s.tracking_numbers.some((t) => typeof t !== "string" || t === "")) {
        return ucError(400, "tracking_numbers must be an array of strings");
      }
      if (!isMoney(s.shipping_cost) || !isMoney(s.fulfillment_fee) || !isMoney(s.package_cost)) {
        return ucError(400, "costs must be non-negative numbers");
      }
    }
    for (const s of body as UltraCartShipment[]) {
      const order = state.orders.get(s.order_id)!;
      order.shipments.push(s);
      order.stage = "Completed Order";
    }
    return { status: 204 };
  });

  return { url: fake.url, requests: fake.requests, faults: fake.faults, state, close: fake.close };
}
