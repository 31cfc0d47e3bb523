// The fulfillment-service part of the fake Admin API: services (each with its location), fulfillment orders
// assigned to locations, request/cancellation answers, moves and fulfillments, with Shopify's refusals
// (contracts.md §B6): a move fails for a closed order, a request in SUBMITTED/ACCEPTED/CANCELLATION_* status, or a
// destination that does not stock the items (`refuseMoveTo`).
export interface FakeFulfillmentOrder {
  id: string;
  orderId: string;
  orderName: string;
  status: "OPEN" | "IN_PROGRESS" | "CLOSED" | "CANCELLED" | "INCOMPLETE" | "SCHEDULED" | "ON_HOLD";
  requestStatus: "UNSUBMITTED" | "SUBMITTED" | "ACCEPTED" | "REJECTED" | "CANCELLATION_REQUESTED" | "CANCELLATION_ACCEPTED" | "CANCELLATION_REJECTED" | "CLOSED";
  locationId: string;
  destination: Record<string, string | null> | null;
  deliveryMethod: { methodType: string; serviceCode: string | null; presentedName: string | null } | null;
  lineItems: { id: string; sku: string | null; productTitle: string; totalQuantity: number; remainingQuantity: number }[];
  messages: string[];
}

export interface FakeFulfillmentState {
  services: { id: string; serviceName: string; callbackUrl: string | null; locationId: string; deleted?: { inventoryAction: string; destinationLocationId?: string } }[];
  locations: { id: string; name: string }[];
  fulfillmentOrders: Record<string, FakeFulfillmentOrder>;
  fulfillments: { id: string; fulfillmentOrderIds: string[]; trackingInfo: { number?: string; company?: string; url?: string } }[];
  /** Locations that do not stock the items: moves there are refused. */
  refuseMoveTo: Set<string>;
  nextId: number;
}

export function initialFulfillmentState(): FakeFulfillmentState {
  return { services: [], locations: [{ id: "gid://shopify/Location/1", name: "Shop location" }], fulfillmentOrders: {}, fulfillments: [], refuseMoveTo: new Set(), nextId: 5000 };
}

type V = Record<string, any>;
const err = (message: string, field: string[] = ["id"]) => [{ field, message }];

function view(fo: FakeFulfillmentOrder, s: FakeFulfillmentState) {
  const loc = s.locations.find((l) => l.id === fo.locationId);
  return {
    id: fo.id,
    orderId: fo.orderId,
    orderName: fo.orderName,
    status: fo.status,
    requestStatus: fo.requestStatus,
    assignedLocation: { name: loc?.name ?? "", location: { id: fo.locationId } },
    destination: fo.destination ? { id: `${fo.id}/destination`, ...fo.destination } : null,
    deliveryMethod: fo.deliveryMethod ? { id: `${fo.id}/delivery`, ...fo.deliveryMethod } : null,
    lineItems: { nodes: fo.lineItems, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } },
  };
}

const ASSIGNMENT: Record<string, (fo: FakeFulfillmentOrder) => boolean> = {
  FULFILLMENT_REQUESTED: (fo) => fo.requestStatus === "SUBMITTED" && fo.status === "OPEN",
  FULFILLMENT_ACCEPTED: (fo) => fo.requestStatus === "ACCEPTED",
  CANCELLATION_REQUESTED: (fo) => fo.requestStatus === "CANCELLATION_REQUESTED",
  FULFILLMENT_UNSUBMITTED: (fo) => fo.requestStatus === "UNSUBMITTED" && fo.status === "OPEN",
};

function answer(name: string, s: FakeFulfillmentState, v: V, change: (fo: FakeFulfillmentOrder) => string | null) {
  const fo = s.fulfillmentOrders[v.id];
  if (!fo) return { [name]: { fulfillmentOrder: null, userErrors: err("Fulfillment order does not exist.") } };
  const refusal = change(fo);
  if (refusal) return { [name]: { fulfillmentOrder: null, userErrors: err(refusal) } };
  if (v.message) fo.messages.push(String(v.message));
  return { [name]: { fulfillmentOrder: { id: fo.id, status: fo.status, requestStatus: fo.requestStatus }, userErrors: [] } };
}

export function fulfillmentHandlers(get: (state: any) => FakeFulfillmentState): Record<string, (v: V, state: any) => unknown> {
  return {
    ShopLocations: (_v, st) => {
      const s = get(st);
      return {
        locations: {
          nodes: s.locations.map((l) => {
            const svc = s.services.find((x) => x.locationId === l.id && !x.deleted);
            return { id: l.id, name: l.name, isActive: true, fulfillmentService: svc ? { id: svc.id } : null };
          }),
        },
      };
    },
    FulfillmentServiceCreate: (v, st) => {
      const s = get(st);
      if (s.services.some((x) => x.serviceName === v.name && !x.deleted)) {
        return { fulfillmentServiceCreate: { fulfillmentService: null, userErrors: err("Name has already been taken", ["name"]) } };
      }
      const locationId = `gid://shopify/Location/${s.nextId++}`;
      s.locations.push({ id: locationId, name: v.name });
      const svc = { id: `gid://shopify/FulfillmentService/${s.nextId++}`, serviceName: v.name, callbackUrl: v.callbackUrl ?? null, locationId };
      s.services.push(svc);
      return { fulfillmentServiceCreate: { fulfillmentService: { id: svc.id, serviceName: svc.serviceName, location: { id: locationId } }, userErrors: [] } };
    },
    FulfillmentServiceDelete: (v, st) => {
      const s = get(st);
      const svc = s.services.find((x) => x.id === v.id && !x.deleted);
      if (!svc) return { fulfillmentServiceDelete: { deletedId: null, userErrors: err("Fulfillment service could not be found.") } };
      if (!["TRANSFER", "KEEP", "DELETE"].includes(v.inventoryAction)) {
        return { fulfillmentServiceDelete: { deletedId: null, userErrors: err("Invalid inventory action", ["inventoryAction"]) } };
      }
      svc.deleted = { inventoryAction: v.inventoryAction, ...(v.destinationLocationId ? { destinationLocationId: v.destinationLocationId } : {}) };
      return { fulfillmentServiceDelete: { deletedId: svc.id, userErrors: [] } };
    },
    AssignedFulfillmentOrders: (v, st) => {
      const s = get(st);
      const match = ASSIGNMENT[v.assignmentStatus as string] ?? (() => true);
      const locs = (v.locationIds as string[] | undefined) ?? null;
      const nodes = Object.values(s.fulfillmentOrders)
        .filter((fo) => match(fo) && (!locs || locs.includes(fo.locationId)) && s.services.some((x) => x.locationId === fo.locationId && !x.deleted))
        .map((fo) => view(fo, s));
      return { assignedFulfillmentOrders: { nodes, pageInfo: { hasNextPage: false, endCursor: null } } };
    },
    AcceptFulfillmentRequest: (v, st) =>
      answer("fulfillmentOrderAcceptFulfillmentRequest", get(st), v, (fo) => {
        if (fo.requestStatus !== "SUBMITTED") return "Cannot accept a fulfillment request that has not been submitted.";
        fo.requestStatus = "ACCEPTED";
        fo.status = "IN_PROGRESS";
        return null;
      }),
    RejectFulfillmentRequest: (v, st) =>
      answer("fulfillmentOrderRejectFulfillmentRequest", get(st), v, (fo) => {
        if (fo.requestStatus !== "SUBMITTED") return "Cannot reject a fulfillment request that has not been submitted.";
        fo.requestStatus = "REJECTED";
        return null;
      }),
    AcceptCancellationRequest: (v, st) =>
      answer("fulfillmentOrderAcceptCancellationRequest", get(st), v, (fo) => {
        if (fo.requestStatus !== "CANCELLATION_REQUESTED") return "No cancellation request to accept.";
        fo.requestStatus = "CANCELLATION_ACCEPTED";
        fo.status = "OPEN";
        return null;
      }),
    RejectCancellationRequest: (v, st) =>
      answer("fulfillmentOrderRejectCancellationRequest", get(st), v, (fo) => {
        if (fo.requestStatus !== "CANCELLATION_REQUESTED") return "No cancellation request to reject.";
        fo.requestStatus = "CANCELLATION_REJECTED";
        return null;
      }),
    FulfillmentOrderMove: (v, st) => {
      const s = get(st);
      const fo = s.fulfillmentOrders[v.id];
      const refuse = (message: string) => ({ fulfillmentOrderMove: { movedFulfillmentOrder: null, userErrors: err(message) } });
      if (!fo) return refuse("Fulfillment order does not exist.");
      if (fo.status === "CLOSED" || fo.status === "CANCELLED") return refuse("Fulfillment order is closed.");
      if (["SUBMITTED", "ACCEPTED", "CANCELLATION_REQUESTED", "CANCELLATION_REJECTED"].includes(fo.requestStatus)) {
        return refuse(`Cannot move a fulfillment order with request status ${fo.requestStatus}.`);
      }
      if (!s.locations.some((l) => l.id === v.newLocationId)) return refuse("Location does not exist.");
      if (s.refuseMoveTo.has(v.newLocationId)) return refuse("The destination location does not stock the items.");
      fo.locationId = v.newLocationId;
      fo.requestStatus = "UNSUBMITTED";
      return { fulfillmentOrderMove: { movedFulfillmentOrder: { id: fo.id, assignedLocation: { location: { id: fo.locationId } } }, userErrors: [] } };
    },
    FulfillmentCreate: (v, st) => {
      const s = get(st);
      const ids = ((v.fulfillment?.lineItemsByFulfillmentOrder ?? []) as { fulfillmentOrderId: string }[]).map((x) => x.fulfillmentOrderId);
      const fos = ids.map((id) => s.fulfillmentOrders[id]);
      if (ids.length === 0 || fos.some((fo) => !fo)) return { fulfillmentCreate: { fulfillment: null, userErrors: err("Fulfillment order does not exist.", ["fulfillment"]) } };
      if (fos.some((fo) => fo!.status !== "IN_PROGRESS" && fo!.status !== "OPEN")) {
        return { fulfillmentCreate: { fulfillment: null, userErrors: err("Fulfillment order is not fulfillable.", ["fulfillment"]) } };
      }
      const f = { id: `gid://shopify/Fulfillment/${s.nextId++}`, fulfillmentOrderIds: ids, trackingInfo: v.fulfillment.trackingInfo ?? {} };
      s.fulfillments.push(f);
      for (const fo of fos) {
        fo!.status = "CLOSED";
        fo!.requestStatus = "CLOSED";
        for (const li of fo!.lineItems) li.remainingQuantity = 0;
      }
      return { fulfillmentCreate: { fulfillment: { id: f.id, status: "SUCCESS" }, userErrors: [] } };
    },
  };
}

/** A fulfillment order Shopify routed to `locationId` and submitted to its service (request status SUBMITTED). */
export function addFulfillmentOrder(s: FakeFulfillmentState, locationId: string, opts: Partial<FakeFulfillmentOrder> = {}): FakeFulfillmentOrder {
  const n = s.nextId++;
  const fo: FakeFulfillmentOrder = {
    id: `gid://shopify/FulfillmentOrder/${n}`,
    orderId: `gid://shopify/Order/${n}`,
    orderName: `#${n}`,
    status: "OPEN",
    requestStatus: "SUBMITTED",
    locationId,
    destination: { firstName: "Ana", lastName: "Silva", company: null, address1: "1 Main St", address2: null, city: "Ottawa", province: "ON", zip: "K1A 0B1", countryCode: "CA", phone: null, email: "ana@example.com" },
    deliveryMethod: { methodType: "SHIPPING", serviceCode: "standard", presentedName: "Standard" },
    lineItems: [{ id: `gid://shopify/FulfillmentOrderLineItem/${n}`, sku: "SKU-1", productTitle: "Blue mug", totalQuantity: 2, remainingQuantity: 2 }],
    messages: [],
    ...opts,
  };
  s.fulfillmentOrders[fo.id] = fo;
  return fo;
}
