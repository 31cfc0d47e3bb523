// Loopback fake of the AfterShip Tracking API (contracts.md §E3): `as-api-key` auth, flat create body from
// 2024-04, {meta:{code,message,type}, data} envelopes, duplicate slug+number → 400 meta 4003.
import { randomUUID } from "node:crypto";
import { json, startHttpFake, type FakeResponse, type LoggedRequest } from "./http-fake";
import type { Faults } from "./misbehave";

export interface AfterShipTracking {
  id: string;
  slug: string;
  tracking_number: string;
  order_id?: string;
  order_number?: string;
  title?: string;
  tag: string;
}

export interface AfterShipFakeState {
  apiKey: string;
  couriers: Set<string>;
  trackings: AfterShipTracking[];
  /** Slug used when the request has none, as AfterShip's courier detection would. */
  detectedSlug: string;
}

export interface AfterShipFake {
  url: string;
  requests: LoggedRequest[];
  faults: Faults;
  state: AfterShipFakeState;
  close(): Promise<void>;
}

const meta = (status: number, code: number, message: string, type: string, data: unknown = {}): FakeResponse =>
  json(status, { meta: { code, message, type }, data });

export async function startAfterShipFake(opts: { apiKey?: string } = {}): Promise<AfterShipFake> {
  const fake = await startHttpFake();
  const state: AfterShipFakeState = {
    apiKey: opts.apiKey ?? "asat_0123456789abcdef",
    couriers: new Set(["ups", "usps", "brazil-correios", "intelipost", "dhl", "fedex", "jadlog", "loggi"]),
    trackings: [],
    detectedSlug: "ups",
  };

  const unauthorized = (key: string | undefined) =>
    key === state.apiKey ? null : meta(401, 401, "Invalid API key.", "Unauthorized");

  fake.route("GET", "/tracking/:version/couriers", (req) => {
    return (
      unauthorized(req.headers["as-api-key"]) ??
      meta(200, 200, "", "OK", { total: state.couriers.size, couriers: [...state.couriers].map((slug) => ({ slug, name: slug })) })
    );
  });

  fake.route("POST", "/tracking/:version/trackings", (req) => {
    const denied = unauthorized(req.headers["as-api-key"]);
    if (denied) return denied;
    if (!req.headers["content-type"]?.includes("application/json") || req.json === undefined) {
      return meta(400, 4001, "Invalid JSON data.", "BadRequest");
    }
    // Versions before 2024-04 wrap the body in {tracking:{…}}; from 2024-04 it is flat.
    const flat = req.params.version >= "2024-04";
    const raw = req.json as Record<string, unknown>;
    const body = (flat ? raw : raw.tracking) as Record<string, unknown> | undefined;
    if (!body || typeof body !== "object") return meta(400, 4001, "Invalid JSON data.", "BadRequest");
    const number = body.tracking_number;
    if (typeof number !== "string" || number.length < 4 || number.length > 100) {
      return meta(400, 4005, "The value of `tracking_number` is invalid.", "BadRequest");
    }
    if (body.slug !== undefined && (typeof body.slug !== "string" || !state.couriers.has(body.slug))) {
      return meta(400, 4010, "The value of `slug` is invalid.", "BadRequest");
    }
    const slug = (body.slug as string | undefined) ?? state.detectedSlug;
    const existing = state.trackings.find((t) => t.slug === slug && t.tracking_number === number);
    if (existing) {
      return meta(400, 4003, "Tracking already exists.", "BadRequest", { id: existing.id, slug, tracking_number: number });
    }
    const tracking: AfterShipTracking = {
      id: randomUUID().replace(/-/g, ""),
      slug,
      tracking_number: number,
      tag: "Pending",
      ...(typeof body.order_id === "string" ? { order_id: body.order_id } : {}),
      ...(typeof body.order_number === "string" ? { order_number: body.order_number } : {}),
      ...(typeof body.title === "string" ? { title: body.title } : {}),
    };
    state.trackings.push(tracking);
    return meta(201, 201, "", "Created", flat ? tracking : { tracking });
  });

  return { url: fake.url, requests: fake.requests, faults: fake.faults, state, close: fake.close };
}
