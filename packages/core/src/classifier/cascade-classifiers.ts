import type { Classifier, ClassifierResult } from './classifier';

export interface CascadeOptions {
  /** A verdict at or above this confidence (and not abstaining) ends the cascade (default 0.6). */
  threshold?: number;
  /** Name in traces (default `cascade(a→b)`). */
  name?: string;
}

/**
 * Asks classifiers in order and stops at the first sure verdict: typically the learned local
 * classifier first (microseconds, free) and the LLM classifier only when the local one abstains
 * or is below `threshold`. A later classifier that fails does not fail the cascade when an
 * earlier one had an answer: the best earlier verdict is returned, with the failure in its
 * reasoning. Costs of every classifier asked are summed. An abort (the router's timeout) ends it.
 *
 * @example
 * const classifier = cascadeClassifiers([loadLearnedClassifier(model), createLlmClassifier({ adapter, model: 'gpt-4o-mini' })], { threshold: 0.6 });
 * const router = createRouter({ providers, classifier });
 */
export function cascadeClassifiers(classifiers: readonly Classifier[], options: CascadeOptions = {}): Classifier {
  if (classifiers.length === 0) throw new TypeError('cascadeClassifiers needs at least one classifier');
  const threshold = options.threshold ?? 0.6;
  const name = options.name ?? `cascade(${classifiers.map((classifier) => classifier.name).join('→')})`;
  return {
    name,
    async classify(input, { signal }) {
      let best: ClassifierResult | undefined;
      let costUsd = 0;
      const notes: string[] = [];
      for (const classifier of classifiers) {
        if (signal.aborted) break;
        let result: ClassifierResult;
        try {
          result = await classifier.classify(input, { signal });
        } catch (error) {
          if (signal.aborted) throw error;
          notes.push(`${classifier.name} failed: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        costUsd += result.costUsd ?? 0;
        const sure = !result.abstain && result.confidence >= threshold;
        if (sure) return annotate(result, costUsd, notes);
        notes.push(`${classifier.name} unsure (${result.abstain ? 'abstained' : `${result.confidence} < ${threshold}`})`);
        if (!best || (best.abstain && !result.abstain) || (!result.abstain && result.confidence > best.confidence)) best = result;
      }
      if (signal.aborted && !best) throw signal.reason instanceof Error ? signal.reason : new Error('classification aborted');
      if (!best) throw new Error(notes.join('; ') || 'no classifier answered');
      return annotate(best, costUsd, notes);
    },
  };
}

function annotate(result: ClassifierResult, costUsd: number, notes: readonly string[]): ClassifierResult {
  const out: ClassifierResult = { ...result };
  if (costUsd > 0 || result.costUsd !== undefined) out.costUsd = costUsd;
  if (notes.length > 0) out.reasoning = [...notes, result.reasoning].filter(Boolean).join('; ');
  return out;
}
