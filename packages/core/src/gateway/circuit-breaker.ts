import type { Clock } from '../clock/clock';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before letting probes through. Default 30 000 ms. */
  cooldownMs?: number;
  /** Probe calls allowed at once while half-open; one success closes, one failure reopens. Default 1. */
  halfOpenProbes?: number;
  clock: Clock;
}

export interface BreakerSnapshot {
  key: string;
  state: BreakerState;
  consecutiveFailures: number;
  /** When an open circuit lets probes through again (epoch ms). */
  retryAt?: number;
  lastFailure?: string;
  opens: number;
}

interface Entry {
  state: BreakerState;
  failures: number;
  openedAt: number;
  probesInFlight: number;
  lastFailure?: string;
  opens: number;
}

/**
 * One circuit per provider model (`provider/model`): closed until `failureThreshold` consecutive
 * failures, then open for `cooldownMs` (calls skip it), then half-open, letting `halfOpenProbes`
 * calls through: a success closes it, a failure opens it again. Only failures that say something
 * about the provider count (5xx, timeouts, network, overload, rate limits); a client's bad
 * request does not. State is per process and shown in `/health` and `/metrics`.
 *
 * @example
 * const breaker = new CircuitBreaker({ clock: systemClock });
 * if (breaker.tryAcquire('openai/gpt-4o')) { … breaker.recordSuccess('openai/gpt-4o') }
 */
export class CircuitBreaker {
  private readonly entries = new Map<string, Entry>();
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;
  private readonly halfOpenProbes: number;
  private readonly clock: Clock;

  constructor(options: CircuitBreakerOptions) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.halfOpenProbes = options.halfOpenProbes ?? 1;
    this.clock = options.clock;
  }

  /** Would a call be allowed now? Does not take a probe slot (routing uses this). */
  isAvailable(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry || entry.state === 'closed') return true;
    if (entry.state === 'open') return this.clock.now() - entry.openedAt >= this.cooldownMs;
    return entry.probesInFlight < this.halfOpenProbes;
  }

  /** Takes permission for one call; false when the circuit refuses it. */
  tryAcquire(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry || entry.state === 'closed') return true;
    if (entry.state === 'open') {
      if (this.clock.now() - entry.openedAt < this.cooldownMs) return false;
      entry.state = 'half-open';
      entry.probesInFlight = 0;
    }
    if (entry.probesInFlight >= this.halfOpenProbes) return false;
    entry.probesInFlight += 1;
    return true;
  }

  recordSuccess(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.state = 'closed';
    entry.failures = 0;
    entry.probesInFlight = 0;
  }

  recordFailure(key: string, reason: string): void {
    const entry = this.entries.get(key) ?? { state: 'closed' as BreakerState, failures: 0, openedAt: 0, probesInFlight: 0, opens: 0 };
    this.entries.set(key, entry);
    entry.failures += 1;
    entry.lastFailure = reason;
    if (entry.state === 'half-open' || entry.failures >= this.failureThreshold) {
      if (entry.state !== 'open') entry.opens += 1;
      entry.state = 'open';
      entry.openedAt = this.clock.now();
      entry.probesInFlight = 0;
    }
  }

  /** Releases a probe slot taken by `tryAcquire` for a call that neither succeeded nor failed (a client abort). */
  release(key: string): void {
    const entry = this.entries.get(key);
    if (entry?.state === 'half-open' && entry.probesInFlight > 0) entry.probesInFlight -= 1;
  }

  state(key: string): BreakerState {
    const entry = this.entries.get(key);
    if (!entry) return 'closed';
    if (entry.state === 'open' && this.clock.now() - entry.openedAt >= this.cooldownMs) return 'half-open';
    return entry.state;
  }

  snapshot(): BreakerSnapshot[] {
    return [...this.entries.entries()].map(([key, entry]) => {
      const state = this.state(key);
      const snapshot: BreakerSnapshot = { key, state, consecutiveFailures: entry.failures, opens: entry.opens };
      if (state === 'open') snapshot.retryAt = entry.openedAt + this.cooldownMs;
      if (entry.lastFailure !== undefined) snapshot.lastFailure = entry.lastFailure;
      return snapshot;
    });
  }
}
