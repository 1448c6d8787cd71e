import type { PromptResult } from './evaluate';
import { agreement, summarizeSources, variantStats, type Agreement, type SourceReport, type VariantStats } from './summarize';
import type { RouterVariant } from './variants';

/** Everything `npm run eval:routing` prints, and writes with `--json`. */
export interface EvalReport {
  dataDir: string;
  totalPrompts: number;
  variants: { name: string; description: string }[];
  overall: VariantStats[];
  agreement: Agreement[];
  sources: SourceReport[];
  errors: { source: string; id: string; variant: string; error: string }[];
  /** Every prompt's outcome per variant (JSON only), for diffing two runs. */
  prompts: PromptResult[];
}

/** Builds the report from the raw results. */
export function buildReport(
  dataDir: string,
  variants: readonly RouterVariant[],
  results: readonly PromptResult[],
  labelFields: Readonly<Record<string, readonly string[]>>,
): EvalReport {
  const names = variants.map((variant) => variant.name);
  const errors = results.flatMap((result) =>
    result.outcomes.flatMap((outcome, index) => (outcome.ok ? [] : [{ source: result.source, id: result.id, variant: names[index] ?? '?', error: outcome.error }])),
  );
  return {
    dataDir,
    totalPrompts: results.length,
    variants: variants.map((variant) => ({ name: variant.name, description: variant.description })),
    overall: names.map((name, index) => variantStats(name, results.map((result) => result.outcomes[index] ?? { ok: false, error: 'no outcome', timeMs: 0 }))),
    agreement: agreement(results, names),
    sources: summarizeSources(results, names, labelFields),
    errors,
    prompts: [...results],
  };
}
