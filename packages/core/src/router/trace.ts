/** One step of a routing decision: what it decided, why, and how long it took. */
export interface TraceStep {
  /** Step name, e.g. `signals`, `rule-set`, `classifier`, `override:tool-calls`, `selection`. */
  name: string;
  /** What the step decided, in a few words (e.g. `tier medium → high`). */
  decided: string;
  /** Why. */
  why: string;
  durationMs: number;
  /** Structured detail for machines (scores, matched rules, rejected candidates). */
  data?: Record<string, unknown>;
}

/** Collects trace steps with their durations. */
export class TraceRecorder {
  readonly steps: TraceStep[] = [];
  private last = performance.now();

  /** Restarts the clock for the next step (call before work that should not count toward a step). */
  mark(): void {
    this.last = performance.now();
  }

  add(name: string, decided: string, why: string, data?: Record<string, unknown>): void {
    const now = performance.now();
    const step: TraceStep = { name, decided, why, durationMs: Math.round((now - this.last) * 1000) / 1000 };
    if (data !== undefined) step.data = data;
    this.steps.push(step);
    this.last = now;
  }
}
