// Fault injection shared by every fake. A fault is taken per request before the normal handler runs.
export type Fault =
  /** The handler runs (state changes) but the answer is delayed: "the write landed, we timed out". */
  | { kind: "slow"; ms: number }
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: "bad_json"; status?: number }
  /** Destroys the socket. `after: true` runs the handler first, so the write lands but the answer is lost. */
  | { kind: "reset"; after?: boolean }
  /** Never answers (until the fake closes). `after: true` runs the handler first. */
  | { kind: "hang"; after?: boolean }
  /** Holds the request until the test opens the gate, then answers normally (a push the test keeps in flight). */
  | { kind: "hold"; until: Promise<unknown> };

export interface FaultMatch {
  method?: string;
  /** Exact path or a pattern tested against the path (without query). */
  path?: string | RegExp;
}

interface Queued {
  fault: Fault;
  match?: FaultMatch;
}

function matches(m: FaultMatch | undefined, method: string, path: string): boolean {
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (m.path === undefined) return true;
  return typeof m.path === "string" ? m.path === path : m.path.test(path);
}

export class Faults {
  private queue: Queued[] = [];
  private persistent: Queued | null = null;

  /** One-shot fault for the next matching request. */
  next(fault: Fault, match?: FaultMatch): this {
    this.queue.push({ fault, match });
    return this;
  }

  /** Every matching request gets this fault until `clear()`. Queued one-shots still go first. */
  always(fault: Fault, match?: FaultMatch): this {
    this.persistent = { fault, match };
    return this;
  }

  clear(): void {
    this.queue = [];
    this.persistent = null;
  }

  get pending(): number {
    return this.queue.length;
  }

  take(method: string, path: string): Fault | null {
    const i = this.queue.findIndex((q) => matches(q.match, method, path));
    if (i >= 0) return this.queue.splice(i, 1)[0].fault;
    if (this.persistent && matches(this.persistent.match, method, path)) return this.persistent.fault;
    return null;
  }
}
