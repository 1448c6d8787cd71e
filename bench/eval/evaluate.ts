import type { Tier } from '@refract/core';
import type { EvalSource } from './datasets';
import type { RouterVariant } from './variants';

/** What one variant decided for one prompt. */
export type Outcome =
  | { ok: true; category: string; tier: Tier; complexity: number; provider: string; model: string; timeMs: number }
  | { ok: false; error: string; timeMs: number };

/** Every variant's outcome for one prompt, in variant order. */
export interface PromptResult {
  source: string;
  id: string;
  labels: Readonly<Record<string, string>>;
  outcomes: Outcome[];
}

/**
 * Routes every prompt of every source through every variant, as a single user turn with model
 * `auto`. Times are wall time around `route()` (validation included), measured after one warm-up
 * call per variant so the one-off loading of catalog and rule sets is not counted.
 */
export async function evaluate(sources: readonly EvalSource[], variants: readonly RouterVariant[]): Promise<PromptResult[]> {
  const results: PromptResult[] = [];
  for (const variant of variants) await variant.route(userRequest('warm up'));
  for (const source of sources) {
    for (const prompt of source.prompts) {
      const outcomes: Outcome[] = [];
      for (const variant of variants) outcomes.push(await routeOnce(variant, prompt.text));
      results.push({ source: source.name, id: prompt.id, labels: prompt.labels, outcomes });
    }
  }
  return results;
}

async function routeOnce(variant: RouterVariant, text: string): Promise<Outcome> {
  const started = performance.now();
  try {
    const decision = await variant.route(userRequest(text));
    const timeMs = Math.round((performance.now() - started) * 1000) / 1000;
    return { ok: true, category: decision.category, tier: decision.tier, complexity: decision.complexity, provider: decision.provider, model: decision.model, timeMs };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), timeMs: performance.now() - started };
  }
}

function userRequest(text: string): Record<string, unknown> {
  return { model: 'auto', messages: [{ role: 'user', content: text }] };
}
