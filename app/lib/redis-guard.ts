// How checkout talks to an optional Redis (the shared quote cache, the shared rate details): every command has a
// short deadline, commands in flight are capped, and after a few failures in a row a circuit breaker stops asking
// for a while. A late, failed or refused command rejects at once, so the caller falls back to what it has in
// memory; a Redis that stops answering can neither slow checkout down nor pile up work in the process.
import { CircuitBreaker } from "./circuit-breaker";

export interface RedisGuardOptions {
  /** How long a command may take before it counts as failed. */
  deadlineMs?: number;
  failuresToOpen?: number;
  openMs?: number;
  maxInFlight?: number;
  now?: () => number;
  /** Called once each time the circuit opens (the caller logs it in its own words). */
  onOpen?: (error: unknown) => void;
}

/** Rejection of a command that was not sent (circuit open, too many in flight) or not answered in time. */
export class RedisUnavailable extends Error {}

export class RedisGuard {
  private readonly breaker: CircuitBreaker;
  private readonly deadlineMs: number;
  private readonly maxInFlight: number;
  private inFlight = 0;
  /** Commands that failed or were late. */
  failures = 0;
  /** Commands not sent: circuit open or too many in flight. */
  skipped = 0;

  constructor(private readonly o: RedisGuardOptions = {}) {
    this.breaker = new CircuitBreaker({ failuresToOpen: o.failuresToOpen ?? 3, openMs: o.openMs ?? 5_000, now: o.now ?? Date.now });
    this.deadlineMs = o.deadlineMs ?? 25;
    this.maxInFlight = o.maxInFlight ?? 64;
  }

  get state() {
    return this.breaker.state;
  }

  /** Runs one command under the deadline, the in-flight cap and the circuit breaker. */
  async run<T>(command: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.maxInFlight || !this.breaker.allow()) {
      this.skipped++;
      throw new RedisUnavailable("skipped");
    }
    this.inFlight++;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisUnavailable(`no answer within ${this.deadlineMs} ms`)), this.deadlineMs);
    });
    const call = command();
    try {
      const result = await Promise.race([call, late]);
      this.breaker.success();
      return result;
    } catch (error) {
      this.failures++;
      const before: string = this.breaker.state;
      this.breaker.failure();
      if (before === "closed" && this.breaker.state === "open") this.o.onOpen?.(error);
      throw error;
    } finally {
      clearTimeout(timer);
      // The command may still be queued in the client: it counts against the cap until it settles.
      void call.then(
        () => this.inFlight--,
        () => this.inFlight--,
      );
    }
  }
}
