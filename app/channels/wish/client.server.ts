// The only file that talks HTTP to Wish. Credentials and base URL come in as arguments.
import { httpRequest, type FetchLike, type HttpOutcome, type HttpRequest } from "~/lib/http.server";
import { summarizeRequest, summarizeResponse, type Exchange } from "../channel";
import {
  wishAuthHeaders,
  wishOrderUrl,
  wishRefreshBody,
  wishRefreshUrl,
  wishShippingCarriersUrl,
  wishTrackingUrl,
  type WishUpdateTracking,
} from "./request";

export interface WishCall {
  baseUrl: string;
  timeoutMs: number;
  signal?: AbortSignal;
  fetchImpl?: FetchLike;
}

interface WishCallResult {
  outcome: HttpOutcome;
  exchange: Exchange;
}

async function call(ctx: WishCall, req: Omit<HttpRequest, "timeoutMs" | "signal" | "fetchImpl">, hideResponse = false) {
  const outcome = await httpRequest({ ...req, timeoutMs: ctx.timeoutMs, signal: ctx.signal, fetchImpl: ctx.fetchImpl });
  return { outcome, exchange: { request: summarizeRequest(req), response: summarizeResponse(outcome, hideResponse) } };
}

export function putTracking(ctx: WishCall, accessToken: string, orderId: string, body: WishUpdateTracking): Promise<WishCallResult> {
  return call(ctx, { method: "PUT", url: wishTrackingUrl(ctx.baseUrl, orderId), headers: wishAuthHeaders(accessToken), body });
}

export function getOrder(ctx: WishCall, accessToken: string, orderId: string): Promise<WishCallResult> {
  return call(ctx, { method: "GET", url: wishOrderUrl(ctx.baseUrl, orderId), headers: wishAuthHeaders(accessToken) });
}

export function getShippingCarriers(ctx: WishCall, accessToken: string): Promise<WishCallResult> {
  return call(ctx, { method: "GET", url: wishShippingCarriersUrl(ctx.baseUrl), headers: wishAuthHeaders(accessToken) });
}

export function refreshAccessToken(
  ctx: WishCall,
  creds: { clientId: string; clientSecret: string; refreshToken: string },
): Promise<WishCallResult> {
  return call(
    ctx,
    { method: "POST", url: wishRefreshUrl(ctx.baseUrl), body: wishRefreshBody(creds.clientId, creds.clientSecret, creds.refreshToken) },
    true,
  );
}
