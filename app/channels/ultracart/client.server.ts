// The only file that talks HTTP to UltraCart. Credentials and base URL come in as arguments.
import { httpRequest, type FetchLike, type HttpOutcome } from "~/lib/http.server";
import { summarizeRequest, summarizeResponse, type Exchange } from "../channel";
import { ultracartDistributionCentersUrl, ultracartHeaders, ultracartShipmentsUrl, type UltraCartShipmentBody } from "./request";

interface UltraCartCall {
  baseUrl: string;
  simpleKey: string;
  timeoutMs: number;
  signal?: AbortSignal;
  fetchImpl?: FetchLike;
}

export async function shipOrders(
  ctx: UltraCartCall,
  dc: string,
  shipments: UltraCartShipmentBody[],
): Promise<{ outcome: HttpOutcome; exchange: Exchange }> {
  const req = { method: "POST" as const, url: ultracartShipmentsUrl(ctx.baseUrl, dc), headers: ultracartHeaders(ctx.simpleKey), body: shipments };
  const outcome = await httpRequest({ ...req, timeoutMs: ctx.timeoutMs, signal: ctx.signal, fetchImpl: ctx.fetchImpl });
  return { outcome, exchange: { request: summarizeRequest(req), response: summarizeResponse(outcome) } };
}

export async function listDistributionCenters(ctx: UltraCartCall): Promise<{ outcome: HttpOutcome; exchange: Exchange }> {
  const req = { method: "GET" as const, url: ultracartDistributionCentersUrl(ctx.baseUrl), headers: ultracartHeaders(ctx.simpleKey) };
  const outcome = await httpRequest({ ...req, timeoutMs: ctx.timeoutMs, signal: ctx.signal, fetchImpl: ctx.fetchImpl });
  return { outcome, exchange: { request: summarizeRequest(req), response: summarizeResponse(outcome) } };
}
