// A circuit breaker for an optional dependency on the checkout path (the shared Redis quote cache): after a few
// failures in a row it stops asking for a while, so a dead or slow Redis costs checkout nothing but the first
// few deadlines; then one probe at a time is let through until a success closes it again.
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failuresToOpen: number;
  /** How long an open circuit refuses before letting one probe through. */
  openMs: number;
  now: () => number;
}

export type CircuitState = "closed" | "open" | "half-open";

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private probing = false;

  constructor(private readonly o: CircuitBreakerOptions) {}

  /** Whether a call may go ahead now; in half-open state only one probe is in flight at a time. */
  allow(): boolean {
    if (this.openedAt === null) return true;
    if (this.o.now() - this.openedAt < this.o.openMs || this.probing) return false;
    this.probing = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.probing = false;
  }

  failure(): void {
    this.probing = false;
    this.failures++;
    if (this.openedAt !== null || this.failures >= this.o.failuresToOpen) this.openedAt = this.o.now();
  }

  get state(): CircuitState {
    if (this.openedAt === null) return "closed";
    return this.o.now() - this.openedAt < this.o.openMs ? "open" : "half-open";
  }
}
