// The only file that talks HTTP to AfterShip. Credentials and base URL come in as arguments.
import { httpRequest, type FetchLike, type HttpOutcome } from "~/lib/http.server";
import { summarizeRequest, summarizeResponse, type Exchange } from "../channel";
import { aftershipHeaders, aftershipUrl, type AfterShipCreateTracking } from "./request";
import type { AfterShipSettings } from "./settings";

export interface AfterShipCall {
  baseUrl: string;
  apiKey: string;
  settings: AfterShipSettings;
  timeoutMs: number;
  signal?: AbortSignal;
  fetchImpl?: FetchLike;
}

type Result = { outcome: HttpOutcome; exchange: Exchange };

async function call(ctx: AfterShipCall, method: "GET" | "POST", resource: "trackings" | "couriers", body?: unknown): Promise<Result> {
  const req = { method, url: aftershipUrl(ctx.baseUrl, ctx.settings, resource), headers: aftershipHeaders(ctx.apiKey), body };
  const outcome = await httpRequest({ ...req, timeoutMs: ctx.timeoutMs, signal: ctx.signal, fetchImpl: ctx.fetchImpl });
  return { outcome, exchange: { request: summarizeRequest(req), response: summarizeResponse(outcome) } };
}

export function createTracking(ctx: AfterShipCall, body: AfterShipCreateTracking): Promise<Result> {
  return call(ctx, "POST", "trackings", body);
}

export function listCouriers(ctx: AfterShipCall): Promise<Result> {
  return call(ctx, "GET", "couriers");
}
