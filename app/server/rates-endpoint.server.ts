// The rate callback on plain node:http: the same core as the Remix route (app/routes/carrier-service.rates.tsx),
// without Remix's request translation, which costs ~0.25 ms and caps a process near 2.7k requests/s.
import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_BODY_BYTES } from "~/services/rating/callback.server";
import { ratingService, type RatingService } from "~/services/rating/service.server";

export const RATES_PATH = "/carrier-service/rates";

/** `rating` defaults to the process's service; the benchmark passes one with an injected fault. */
export async function handleRatesHttp(req: IncomingMessage, res: ServerResponse, rating: RatingService = ratingService()) {
  const receivedAt = performance.now();
  const body = await readBody(req);
  if (body === "gone") return; // the client went away; nobody is waiting for an answer
  if (body === "too_large") return send(res, 413, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
  const result = await rating.handleRateCallback({
    rawBody: body,
    hmac: header(req, "x-shopify-hmac-sha256"),
    shopDomain: header(req, "x-shopify-shop-domain"),
    timeoutHeader: header(req, "x-shopify-timeout"),
    receivedAt,
  });
  res.writeHead(result.status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(result.body) });
  res.end(result.body);
}

// Plain 'data'/'end' events: the stream's async iterator cost ~10 µs a request in promises and wrappers, for a
// body that nearly always arrives in one chunk.
function readBody(req: IncomingMessage): Promise<Buffer | "too_large" | "gone"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        finish("too_large");
        req.resume(); // drain the rest without keeping it
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    const onGone = () => finish("gone");
    const finish = (outcome: Buffer | "too_large" | "gone") => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onGone);
      req.off("close", onGone);
      resolve(outcome);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onGone);
    req.on("close", onGone);
  });
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
