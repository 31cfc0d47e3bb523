// A merchant's webhook receiver: verifies Basic or HMAC auth the way a careful merchant would and records
// every delivery. Answers "OK" as plain text, like many real receivers.
import { createHmac, timingSafeEqual } from "node:crypto";
import { json, startHttpFake, type LoggedRequest } from "./http-fake";
import type { Faults } from "./misbehave";

export type SinkAuth =
  | { kind: "none" }
  | { kind: "basic"; username: string; password: string }
  | { kind: "hmac"; secret: string; header?: string };

export interface SinkDelivery {
  path: string;
  headers: Record<string, string>;
  bodyText: string;
  body: unknown;
}

export interface WebhookSinkState {
  auth: SinkAuth;
  received: SinkDelivery[];
  rejected: number;
}

export interface WebhookSinkFake {
  url: string;
  path: string;
  requests: LoggedRequest[];
  faults: Faults;
  state: WebhookSinkState;
  close(): Promise<void>;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function verifySinkAuth(auth: SinkAuth, headers: Record<string, string>, rawBody: string): boolean {
  if (auth.kind === "none") return true;
  if (auth.kind === "basic") {
    const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
    return safeEqual(headers.authorization ?? "", expected);
  }
  const header = (auth.header ?? "X-Waypost-Signature").toLowerCase();
  const expected = createHmac("sha256", auth.secret).update(rawBody, "utf8").digest("base64");
  return safeEqual(headers[header] ?? "", expected);
}

export async function startWebhookSinkFake(opts: { auth?: SinkAuth; path?: string } = {}): Promise<WebhookSinkFake> {
  const fake = await startHttpFake();
  const path = opts.path ?? "/hooks/waypost";
  const state: WebhookSinkState = { auth: opts.auth ?? { kind: "none" }, received: [], rejected: 0 };

  fake.route("POST", path, (req) => {
    if (!verifySinkAuth(state.auth, req.headers, req.bodyText)) {
      state.rejected++;
      return json(401, { error: "signature or credentials did not verify" });
    }
    if (req.json === undefined) return json(400, { error: "body must be JSON" });
    state.received.push({ path: req.path, headers: req.headers, bodyText: req.bodyText, body: req.json });
    return { status: 200, body: "OK" };
  });

  return { url: fake.url, path, requests: fake.requests, faults: fake.faults, state, close: fake.close };
}
