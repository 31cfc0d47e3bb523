// A tiny loopback HTTP server for fakes: router, JSON helpers, request log, fault injection, close().
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Faults } from "./misbehave";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  bodyText: string;
  /** Parsed body when it was valid JSON, else undefined. */
  json: unknown;
  params: Record<string, string>;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** Strings and Buffers go out verbatim; anything else is JSON-encoded. undefined = empty body. */
  body?: unknown;
}

export type Handler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  bodyText: string;
  json: unknown;
  fault: string | null;
}

export interface HttpFake {
  url: string;
  requests: LoggedRequest[];
  faults: Faults;
  route(method: string, pattern: string, handler: Handler): void;
  close(): Promise<void>;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, body, headers };
}

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

function compile(pattern: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = pattern
    .split("/")
    .map((seg) => {
      if (seg.startsWith(":")) {
        names.push(seg.slice(1));
        return "([^/]+)";
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { regex: new RegExp(`^${source}$`), names };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, r: FakeResponse): void {
  const headers: Record<string, string> = { ...r.headers };
  let payload: string | Buffer = "";
  if (r.body !== undefined) {
    payload = typeof r.body === "string" || Buffer.isBuffer(r.body) ? r.body : JSON.stringify(r.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
      headers["content-type"] = typeof r.body === "string" ? "text/plain" : "application/json";
    }
  }
  res.writeHead(r.status, headers);
  res.end(payload);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startHttpFake(): Promise<HttpFake> {
  const routes: Route[] = [];
  const requests: LoggedRequest[] = [];
  const faults = new Faults();
  const sockets = new Set<Socket>();
  let closing = false;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake.local");
    const bodyText = await readBody(req);
    let parsed: unknown;
    try {
      parsed = bodyText === "" ? undefined : JSON.parse(bodyText);
    } catch {
      parsed = undefined;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
    }
    const method = (req.method ?? "GET").toUpperCase();
    const fault = faults.take(method, url.pathname);
    requests.push({
      method,
      path: url.pathname,
      query: url.search,
      headers,
      bodyText,
      json: parsed,
      fault: fault?.kind ?? null,
    });

    const route = routes.find((r) => r.method === method && r.regex.test(url.pathname));
    const run = async (): Promise<FakeResponse> => {
      if (!route) return json(404, { error: `no route for ${method} ${url.pathname}` });
      const m = route.regex.exec(url.pathname)!;
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return route.handler({ method, path: url.pathname, query: url.searchParams, headers, bodyText, json: parsed, params });
    };

    try {
      if (!fault) return send(res, await run());
      switch (fault.kind) {
        case "status":
          return send(res, { status: fault.status, body: fault.body, headers: fault.headers });
        case "bad_json":
          return send(res, { status: fault.status ?? 200, body: '{"code":0,"data":', headers: { "content-type": "application/json" } });
        case "slow": {
          const answer = await run();
          await sleep(fault.ms);
          if (!closing && !res.destroyed) send(res, answer);
          return;
        }
        case "reset":
          if (fault.after) await run();
          req.socket.destroy();
          return;
        case "hang":
          if (fault.after) await run();
          return;
        case "hold": {
          await fault.until;
          const answer = await run();
          if (!closing && !res.destroyed) send(res, answer);
          return;
        }
      }
    } catch (err) {
      if (!res.headersSent) send(res, json(500, { error: String(err) }));
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    route(method, pattern, handler) {
      routes.push({ method: method.toUpperCase(), ...compile(pattern), handler });
    },
    async close() {
      closing = true;
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
