// The only file that does HTTP for merchant webhooks. The destination is checked against the SSRF policy
// right before sending, so a DNS change after the merchant saved the settings is still caught.
import { httpRequest, type FetchLike, type HttpOutcome } from "~/lib/http.server";
import { checkOutboundUrl, type OutboundOptions } from "~/lib/outbound-url.server";
import { summarizeRequest, summarizeResponse, type Exchange } from "../channel";

interface WebhookCall {
  outbound: OutboundOptions;
  timeoutMs: number;
  signal?: AbortSignal;
  fetchImpl?: FetchLike;
}

type WebhookSendResult = { blocked: string } | { blocked?: undefined; outcome: HttpOutcome; exchange: Exchange };

export async function postWebhook(
  ctx: WebhookCall,
  url: string,
  headers: Record<string, string>,
  bodyText: string,
): Promise<WebhookSendResult> {
  const check = await checkOutboundUrl(url, ctx.outbound);
  if (!check.ok) return { blocked: check.reason };
  const req = { method: "POST" as const, url, headers, body: bodyText };
  const outcome = await httpRequest({ ...req, timeoutMs: ctx.timeoutMs, signal: ctx.signal, fetchImpl: ctx.fetchImpl });
  return { outcome, exchange: { request: summarizeRequest(req), response: summarizeResponse(outcome) } };
}
