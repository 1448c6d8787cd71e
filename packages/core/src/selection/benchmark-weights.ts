import type { Benchmarks } from '../catalog/catalog-model';

export type BenchmarkWeights = Benchmarks;

/**
 * How much each benchmark axis matters per category: exact key first, then the longest leading
 * `_`-prefix (`coding_complex` → `coding`), then `_default`. The prefix table is the seed's
 * (Apache-2.0, see NOTICE); the exact entries are Refract's, for categories the seed left on
 * `_default` although their work is plainly coding, reasoning or speed-bound.
 */
export const DEFAULT_BENCHMARK_WEIGHTS: Readonly<Record<string, BenchmarkWeights>> = {
  coding: { intelligence: 0.2, coding: 0.6, math: 0.1, speed: 0.1 },
  math: { intelligence: 0.2, coding: 0.1, math: 0.6, speed: 0.1 },
  reasoning: { intelligence: 0.6, coding: 0.1, math: 0.2, speed: 0.1 },
  research: { intelligence: 0.6, coding: 0.1, math: 0.1, speed: 0.2 },
  summarization: { intelligence: 0.3, coding: 0, math: 0, speed: 0.7 },
  classification: { intelligence: 0.3, coding: 0, math: 0, speed: 0.7 },
  translation: { intelligence: 0.3, coding: 0, math: 0, speed: 0.7 },
  creative: { intelligence: 0.6, coding: 0, math: 0, speed: 0.4 },
  analysis: { intelligence: 0.5, coding: 0.1, math: 0.2, speed: 0.2 },
  tool_use: { intelligence: 0.3, coding: 0.4, math: 0.1, speed: 0.2 },
  system_design: { intelligence: 0.4, coding: 0.3, math: 0.1, speed: 0.2 },
  planning: { intelligence: 0.5, coding: 0.2, math: 0.1, speed: 0.2 },
  sensitive: { intelligence: 0.6, coding: 0.1, math: 0.1, speed: 0.2 },
  vision: { intelligence: 0.5, coding: 0.1, math: 0.1, speed: 0.3 },
  document: { intelligence: 0.4, coding: 0.1, math: 0.1, speed: 0.4 },
  smalltalk: { intelligence: 0.2, coding: 0, math: 0, speed: 0.8 },
  email: { intelligence: 0.3, coding: 0, math: 0, speed: 0.7 },
  sql: { intelligence: 0.2, coding: 0.5, math: 0.2, speed: 0.1 },
  _default: { intelligence: 0.4, coding: 0.2, math: 0.1, speed: 0.3 },
  // Refract additions
  code_security_review: { intelligence: 0.4, coding: 0.5, math: 0, speed: 0.1 },
  code_explanation: { intelligence: 0.3, coding: 0.5, math: 0, speed: 0.2 },
  swe_agentic: { intelligence: 0.3, coding: 0.6, math: 0, speed: 0.1 },
  error_debugging: { intelligence: 0.3, coding: 0.6, math: 0, speed: 0.1 },
  qa_testing: { intelligence: 0.2, coding: 0.6, math: 0, speed: 0.2 },
  devops_infrastructure: { intelligence: 0.3, coding: 0.5, math: 0, speed: 0.2 },
  api_integration: { intelligence: 0.3, coding: 0.5, math: 0, speed: 0.2 },
  function_calling: { intelligence: 0.3, coding: 0.4, math: 0, speed: 0.3 },
  data_transformation: { intelligence: 0.2, coding: 0.4, math: 0.1, speed: 0.3 },
  data_analysis: { intelligence: 0.4, coding: 0.2, math: 0.3, speed: 0.1 },
  stem_science: { intelligence: 0.5, coding: 0, math: 0.4, speed: 0.1 },
  legal_analysis: { intelligence: 0.8, coding: 0, math: 0, speed: 0.2 },
  medical_analysis: { intelligence: 0.8, coding: 0, math: 0.1, speed: 0.1 },
  financial_analysis: { intelligence: 0.5, coding: 0, math: 0.4, speed: 0.1 },
  chat_title_generation: { intelligence: 0.1, coding: 0, math: 0, speed: 0.9 },
  format_convert: { intelligence: 0.2, coding: 0.3, math: 0, speed: 0.5 },
  proofreading: { intelligence: 0.4, coding: 0, math: 0, speed: 0.6 },
  long_context_processing: { intelligence: 0.6, coding: 0.1, math: 0.1, speed: 0.2 },
};

/**
 * The weights for a category.
 *
 * @example
 * benchmarkWeightsFor('coding_complex').coding; // 0.6
 */
export function benchmarkWeightsFor(category: string, table: Readonly<Record<string, BenchmarkWeights>> = DEFAULT_BENCHMARK_WEIGHTS): BenchmarkWeights {
  const exact = table[category];
  if (exact) return exact;
  const parts = category.split('_');
  for (let length = parts.length - 1; length >= 1; length -= 1) {
    const prefixed = table[parts.slice(0, length).join('_')];
    if (prefixed) return prefixed;
  }
  return table['_default'] ?? DEFAULT_BENCHMARK_WEIGHTS['_default'] as BenchmarkWeights;
}

/** Weighted benchmark quality, 0–100. */
export function qualityScore(benchmarks: Benchmarks, weights: BenchmarkWeights): number {
  const total = weights.intelligence + weights.coding + weights.math + weights.speed;
  if (total <= 0) return 0;
  return (
    (benchmarks.intelligence * weights.intelligence +
      benchmarks.coding * weights.coding +
      benchmarks.math * weights.math +
      benchmarks.speed * weights.speed) /
    total
  );
}
