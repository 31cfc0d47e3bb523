// The rate callback on plain node:http: the same core as the Remix route (app/routes/carrier-service.rates.tsx),
// without Remix's request translation, which costs ~0.25 ms and caps a process near 2.7k requests/s.
import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_BODY_BYTES } from "~/services/rating/callback.server";
import { ratingService, type RatingService } from "~/services/rating/service.server";

export const RATES_PATH = "/carrier-service/rates";

/** `rating` defaults to the process's service; the benchmark passes one with an injected fault. */
export async function handleRatesHttp(req: IncomingMessage, res: ServerResponse, rating: RatingService = ratingService()) {
  const receivedAt = performance.now();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        return send(res, 413, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
      }
      chunks.push(chunk as Buffer);
    }
  } catch {
    return; // the client went away; nobody is waiting for an answer
  }
  const result = await rating.handleRateCallback({
    rawBody: Buffer.concat(chunks),
    hmac: header(req, "x-shopify-hmac-sha256"),
    shopDomain: header(req, "x-shopify-shop-domain"),
    timeoutHeader: header(req, "x-shopify-timeout"),
    receivedAt,
  });
  res.writeHead(result.status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(result.body) });
  res.end(result.body);
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", Connection: "close" });
  res.end(text);
}
