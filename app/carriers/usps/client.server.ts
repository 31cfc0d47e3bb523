// The only file that does HTTP for USPS: token exchange and price calls. Every call takes a quota permit
// first; every failure comes back as a UspsProblem, never as a thrown error. Secrets never reach a log line:
// the optional `log` receives paths, statuses and timings only.
import { problemFromHttp, problemFromTransport, type UspsProblem } from "./errors";
import { parseTokenResponse, TOKEN_SKEW_MS, tokenRequest, usableToken } from "./oauth";
import type { CallKind } from "./quota";
import type { SharedToken } from "./shared-state";
import type { UspsSecrets } from "./settings";

export interface QuotaRefusal {
  /** Why not, already phrased for a merchant. */
  message: string;
  /** Epoch ms when a permit is expected to be free again. */
  retryAt: number;
}

export interface QuotaGate {
  /** null = go ahead; otherwise why not and until when. */
  take(kind: CallKind): Promise<QuotaRefusal | null>;
  rateLimited(retryAfterSeconds?: number): Promise<void>;
}

export interface UspsClientOptions {
  baseUrl: string;
  fetch: typeof fetch;
  now: () => number;
  secrets: UspsSecrets;
  saveSecrets(next: UspsSecrets): Promise<void>;
  quota: QuotaGate;
  /** The token row all instances share; without it the token lives in this client (and in saved secrets). */
  sharedToken?: SharedToken;
  timeoutMs?: number;
  log?: (event: { op: string; status?: number; ms: number; outcome: string }) => void;
}

export type RawResult = { ok: true; status: number; contentType: string; bytes: Uint8Array } | { ok: false; problem: UspsProblem; notLive?: boolean };

export type CallResult = { ok: true; body: unknown } | { ok: false; problem: UspsProblem; notLive?: boolean };

const DEFAULT_TIMEOUT_MS = 4_000;
/** While another instance refreshes the shared token: poll this often, this many times (about 10 s in all). */
const TOKEN_WAIT_STEP_MS = 25;
const TOKEN_WAIT_STEPS = 400;

export class UspsClient {
  private secrets: UspsSecrets;
  private refreshing: Promise<CallResult & { token?: string }> | null = null;

  constructor(private readonly opts: UspsClientOptions) {
    this.secrets = opts.secrets;
  }

  /** A usable access token, fetching one when the cached one is missing or near expiry. Single-flight. */
  async token(signal: AbortSignal): Promise<{ ok: true; token: string } | { ok: false; problem: UspsProblem; notLive?: boolean }> {
    const cached = usableToken(this.secrets, this.opts.now());
    if (cached) return { ok: true, token: cached };
    // Concurrent callers share one exchange: each exchange costs quota, and N parallel checkouts must not
    // spend N calls on the same token.
    // The exchange ignores the first caller's signal: if that checkout gives up, the others still need the token.
    if (signal.aborted) return { ok: false, problem: problemFromTransport("aborted") };
    this.refreshing ??= this.exchange(new AbortController().signal).finally(() => {
      this.refreshing = null;
    });
    const r = await this.refreshing;
    return r.ok && r.token ? { ok: true, token: r.token } : r.ok ? { ok: false, problem: problemFromTransport("malformed", "no token") } : r;
  }

  private async exchange(signal: AbortSignal): Promise<CallResult & { token?: string }> {
    const shared = this.opts.sharedToken;
    if (!shared) return this.exchangeNow(signal);
    const usable = (expiresAt: number) => expiresAt - TOKEN_SKEW_MS > this.opts.now();
    for (let step = 0; step < TOKEN_WAIT_STEPS; step++) {
      const claim = await shared.claim(this.opts.now(), usable);
      if (claim.kind === "token") {
        // Another instance paid for this token: use it, no call and no quota spent here.
        this.secrets = { ...this.secrets, accessToken: claim.accessToken, accessTokenExpiresAt: claim.expiresAt };
        return { ok: true, body: null, token: claim.accessToken };
      }
      if (claim.kind === "refresh") {
        const r = await this.exchangeNow(signal);
        if (r.ok && r.token && this.secrets.accessTokenExpiresAt !== undefined) await shared.store(r.token, this.secrets.accessTokenExpiresAt);
        else await shared.release();
        return r;
      }
      await new Promise((resolve) => setTimeout(resolve, TOKEN_WAIT_STEP_MS));
    }
    return { ok: false, notLive: true, problem: { action: "retry_later", code: "token_wait", message: "not live: another instance is still fetching the USPS token" } };
  }

  private async exchangeNow(signal: AbortSignal): Promise<CallResult & { token?: string }> {
    const refused = await this.opts.quota.take("token");
    if (refused) return { ok: false, notLive: true, problem: { action: "retry_later", code: "quota", message: `not live: ${refused.message}`, retryAfterSeconds: this.waitSeconds(refused) } };
    const { path, init } = tokenRequest(this.secrets);
    const r = await this.send("token", path, init, signal);
    if (!r.ok) return r;
    const parsed = parseTokenResponse(r.body, this.opts.now());
    if (!parsed.ok) return { ok: false, problem: problemFromTransport("malformed", `token: ${parsed.detail}`) };
    this.secrets = { ...this.secrets, accessToken: parsed.accessToken, accessTokenExpiresAt: parsed.expiresAt };
    try {
      await this.opts.saveSecrets(this.secrets);
    } catch {
      // Persisting is an optimisation (other instances reuse the token); a failed save must not fail the quote.
    }
    return { ok: true, body: null, token: parsed.accessToken };
  }

  /** POST a price query. A 401 with a cached token gets one fresh token and one retry. */
  async postJson(path: string, body: unknown, signal: AbortSignal): Promise<CallResult> {
    let retried = false;
    for (;;) {
      const tok = await this.token(signal);
      if (!tok.ok) return tok;
      const refused = await this.opts.quota.take("price");
      if (refused) return { ok: false, notLive: true, problem: { action: "retry_later", code: "quota", message: `not live: ${refused.message}` } };
      const r = await this.send("price", path, {
        method: "POST",
        headers: { authorization: `Bearer ${tok.token}`, "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
      }, signal);
      if (!r.ok && r.problem.code === "401" && !retried) {
        retried = true;
        // Drop the token only if no concurrent call has already replaced it: N calls failing with the same
        // expired token must lead to one refresh, not N.
        if (this.secrets.accessToken === tok.token) this.secrets = { ...this.secrets, accessToken: undefined, accessTokenExpiresAt: undefined };
        await this.opts.sharedToken?.invalidate(tok.token);
        continue;
      }
      return r;
    }
  }

  private waitSeconds(refused: QuotaRefusal): number {
    return Math.max(1, Math.ceil((refused.retryAt - this.opts.now()) / 1000));
  }

  /**
   * One label-service call (labels, payments, addresses, tracking): a "label" permit first, the raw answer back
   * (labels come as multipart with a PDF part). A 401 with a cached token gets one fresh token and one retry.
   * `headers` may carry X-Payment-Authorization-Token and X-Idempotency-Key; they are never logged. `kind`
   * "tracking" takes the poller's smaller share of the hour.
   */
  async request(path: string, init: { method: string; headers?: Record<string, string>; body?: unknown; kind?: "label" | "tracking" }, signal: AbortSignal): Promise<RawResult> {
    let retried = false;
    for (;;) {
      const tok = await this.token(signal);
      if (!tok.ok) return tok;
      const kind = init.kind ?? "label";
      const refused = await this.opts.quota.take(kind);
      if (refused) return { ok: false, problem: { action: "retry_later", code: "quota", message: refused.message, retryAfterSeconds: this.waitSeconds(refused) } };
      const r = await this.sendRaw(kind, path, {
        method: init.method,
        headers: { authorization: `Bearer ${tok.token}`, accept: "application/json", ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      }, signal);
      if (!r.ok && r.problem.code === "401" && !retried) {
        retried = true;
        if (this.secrets.accessToken === tok.token) this.secrets = { ...this.secrets, accessToken: undefined, accessTokenExpiresAt: undefined };
        await this.opts.sharedToken?.invalidate(tok.token);
        continue;
      }
      return r;
    }
  }

  private async sendRaw(op: string, path: string, init: RequestInit, signal: AbortSignal): Promise<RawResult> {
    const started = this.opts.now();
    const timeoutMs = this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const done = (outcome: string, status?: number) => this.opts.log?.({ op: `${op} ${path}`, status, ms: this.opts.now() - started, outcome });
    if (signal.aborted) return { ok: false, problem: problemFromTransport("aborted") };
    const timeout = AbortSignal.timeout(timeoutMs);
    let res: Response;
    let bytes: Uint8Array;
    try {
      res = await this.opts.fetch(new URL(path, this.opts.baseUrl), { ...init, signal: AbortSignal.any([signal, timeout]) });
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      const kind = signal.aborted ? "aborted" : timeout.aborted ? "timeout" : "network";
      done(kind);
      return { ok: false, problem: problemFromTransport(kind, kind === "timeout" ? `${timeoutMs} ms` : e instanceof Error ? e.message : undefined) };
    }
    done(res.ok ? "ok" : "error", res.status);
    if (res.ok) return { ok: true, status: res.status, contentType: res.headers.get("content-type") ?? "", bytes };
    let json: unknown;
    try {
      json = bytes.length === 0 ? undefined : JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      json = undefined;
    }
    const problem = problemFromHttp(res.status, json, res.headers.get("retry-after"), this.opts.now(), { labels: true });
    if (res.status === 429) await this.opts.quota.rateLimited(problem.retryAfterSeconds);
    return { ok: false, problem };
  }

  private async send(op: string, path: string, init: RequestInit, signal: AbortSignal): Promise<CallResult> {
    const started = this.opts.now();
    const timeoutMs = this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const done = (outcome: string, status?: number) => this.opts.log?.({ op: `${op} ${path}`, status, ms: this.opts.now() - started, outcome });
    if (signal.aborted) return { ok: false, problem: problemFromTransport("aborted") };
    const timeout = AbortSignal.timeout(timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this.opts.fetch(new URL(path, this.opts.baseUrl), { ...init, signal: AbortSignal.any([signal, timeout]) });
      text = await res.text();
    } catch (e) {
      const kind = signal.aborted ? "aborted" : timeout.aborted ? "timeout" : "network";
      done(kind);
      return { ok: false, problem: problemFromTransport(kind, kind === "timeout" ? `${timeoutMs} ms` : e instanceof Error ? e.message : undefined) };
    }
    let json: unknown;
    let malformed = false;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      malformed = true;
    }
    done(res.ok && !malformed ? "ok" : "error", res.status);
    if (res.status === 429) {
      const problem = problemFromHttp(429, json, res.headers.get("retry-after"), this.opts.now());
      await this.opts.quota.rateLimited(problem.retryAfterSeconds);
      return { ok: false, problem };
    }
    if (!res.ok) return { ok: false, problem: problemFromHttp(res.status, json, res.headers.get("retry-after"), this.opts.now()) };
    if (malformed || json === undefined) return { ok: false, problem: problemFromTransport("malformed", `HTTP ${res.status}, ${text.length} bytes`) };
    return { ok: true, body: json };
  }
}
