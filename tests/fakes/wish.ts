// Loopback fake of the Wish Merchant API v3 (orders + OAuth refresh), following contracts.md §E1.
// Error codes 1015/1016 follow Wish's documented token errors; other non-zero codes are representative.
import { randomUUID } from "node:crypto";
import { json, startHttpFake, type FakeRequest, type FakeResponse } from "./http-fake";
import type { Faults } from "./misbehave";
import type { LoggedRequest } from "./http-fake";

export interface WishTracking {
  tracking_number: string;
  shipping_provider: string;
  origin_country: string;
  ship_note?: string;
}

export interface WishOrder {
  id: string;
  state: "APPROVED" | "SHIPPED" | "REFUNDED" | "REQUIRE_REVIEW" | "DECLINED";
  tracking: WishTracking | null;
  trackingUpdates: number;
}

export interface WishFakeState {
  clientId: string;
  clientSecret: string;
  orders: Map<string, WishOrder>;
  providers: Set<string>;
  accessTokens: Map<string, { expired: boolean }>;
  refreshTokens: Set<string>;
  addOrder(id: string, state?: WishOrder["state"]): WishOrder;
  /** Marks every current access token expired, as Wish does after its lifetime. */
  expireAccessTokens(): void;
  issueTokens(): { accessToken: string; refreshToken: string };
}

export interface WishFake {
  url: string;
  requests: LoggedRequest[];
  faults: Faults;
  state: WishFakeState;
  close(): Promise<void>;
}

const envelope = (status: number, code: number, message: string, data: unknown = {}, headers: Record<string, string> = {}) =>
  json(status, { code, message, data }, { "wish-request-id": randomUUID(), "wish-rate-limit-remaining": "99", ...headers });

export async function startWishFake(opts: { clientId?: string; clientSecret?: string } = {}): Promise<WishFake> {
  const fake = await startHttpFake();
  const state: WishFakeState = {
    clientId: opts.clientId ?? "wish-client",
    clientSecret: opts.clientSecret ?? "wish-client-secret",
    orders: new Map(),
    providers: new Set(["UPS", "USPS", "FedEx", "DHL", "Correios", "Intelipost", "Jadlog", "Loggi"]),
    accessTokens: new Map(),
    refreshTokens: new Set(),
    addOrder(id, orderState = "APPROVED") {
      const order: WishOrder = { id, state: orderState, tracking: null, trackingUpdates: 0 };
      state.orders.set(id, order);
      return order;
    },
    expireAccessTokens() {
      for (const t of state.accessTokens.values()) t.expired = true;
    },
    issueTokens() {
      const accessToken = `wat_${randomUUID().replace(/-/g, "")}`;
      const refreshToken = `wrt_${randomUUID().replace(/-/g, "")}`;
      state.accessTokens.set(accessToken, { expired: false });
      state.refreshTokens.add(refreshToken);
      return { accessToken, refreshToken };
    },
  };

  function authError(req: FakeRequest): FakeResponse | null {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
    const token = m ? state.accessTokens.get(m[1]) : undefined;
    if (!token) return envelope(401, 1015, "Access token not found");
    if (token.expired) return envelope(401, 1016, "Access token expired");
    return null;
  }

  fake.route("GET", "/api/v3/orders/shipping_carriers", (req) => {
    return authError(req) ?? envelope(200, 0, "", [...state.providers].map((name) => ({ name, id: name.toLowerCase() })));
  });

  fake.route("GET", "/api/v3/orders/:id", (req) => {
    const denied = authError(req);
    if (denied) return denied;
    const order = state.orders.get(req.params.id);
    if (!order) return envelope(404, 1004, `Order ${req.params.id} not found`);
    const tracking_information = order.tracking
      ? [
          {
            tracking_number: order.tracking.tracking_number,
            shipping_provider: { name: order.tracking.shipping_provider, id: order.tracking.shipping_provider.toLowerCase() },
            origin_country: order.tracking.origin_country,
            ship_note: order.tracking.ship_note ?? null,
          },
        ]
      : [];
    return envelope(200, 0, "", { id: order.id, state: order.state, tracking_information });
  });

  fake.route("PUT", "/api/v3/orders/:id/tracking", (req) => {
    const denied = authError(req);
    if (denied) return denied;
    const order = state.orders.get(req.params.id);
    if (!order) return envelope(404, 1004, `Order ${req.params.id} not found`);
    if (order.state !== "APPROVED" && order.state !== "SHIPPED") {
      return envelope(400, 1008, `Order ${order.id} is ${order.state} and cannot be shipped`);
    }
    const body = req.json as Partial<WishTracking> | undefined;
    if (!body || typeof body !== "object") return envelope(400, 1000, "Request body must be JSON");
    if (typeof body.tracking_number !== "string" || !/^[A-Za-z0-9]+$/.test(body.tracking_number)) {
      return envelope(400, 1000, "tracking_number is required and must be alphanumeric without spaces");
    }
    if (typeof body.shipping_provider !== "string" || !state.providers.has(body.shipping_provider)) {
      return envelope(400, 1000, `Invalid shipping_provider: ${String(body.shipping_provider)}`);
    }
    if (typeof body.origin_country !== "string" || !/^[A-Z]{2}$/.test(body.origin_country)) {
      return envelope(400, 1000, "origin_country must be an ISO 3166-1 alpha-2 code");
    }
    if (body.ship_note !== undefined && (typeof body.ship_note !== "string" || body.ship_note.length > 500)) {
      return envelope(400, 1000, "ship_note must be at most 500 characters");
    }
    order.tracking = {
      tracking_number: body.tracking_number,
      shipping_provider: body.shipping_provider,
      origin_country: body.origin_country,
      ...(body.ship_note !== undefined ? { ship_note: body.ship_note } : {}),
    };
    order.state = "SHIPPED";
    order.trackingUpdates++;
    return envelope(200, 0, "", { id: order.id, state: order.state });
  });

  fake.route("POST", "/api/v3/oauth/refresh_token", (req) => {
    const fromJson = req.json && typeof req.json === "object" ? (req.json as Record<string, unknown>) : {};
    const form = req.headers["content-type"]?.includes("x-www-form-urlencoded") ? new URLSearchParams(req.bodyText) : null;
    const param = (k: string) => String(fromJson[k] ?? form?.get(k) ?? req.query.get(k) ?? "");
    if (param("grant_type") !== "refresh_token") return envelope(400, 1000, "grant_type must be refresh_token");
    if (param("client_id") !== state.clientId || param("client_secret") !== state.clientSecret) {
      return envelope(401, 4000, "Invalid client credentials");
    }
    const refresh = param("refresh_token");
    if (!state.refreshTokens.has(refresh)) return envelope(401, 1017, "Refresh token is invalid or revoked");
    // Wish rotates the refresh token: the old one stops working, which is why callers must store the new one.
    state.refreshTokens.delete(refresh);
    const issued = state.issueTokens();
    return envelope(200, 0, "", {
      access_token: issued.accessToken,
      refresh_token: issued.refreshToken,
      expiry_time: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      merchant_id: "merchant-1",
      scopes: ["orders:read", "orders:write"],
    });
  });

  return { url: fake.url, requests: fake.requests, faults: fake.faults, state, close: fake.close };
}
