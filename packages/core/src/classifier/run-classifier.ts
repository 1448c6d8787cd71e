import type { Classifier, ClassifierInput, ClassifierResult } from './classifier';

export type ClassifierOutcome =
  | { status: 'ok'; result: ClassifierResult; durationMs: number }
  | { status: 'failed'; error: string; durationMs: number }
  | { status: 'timeout'; durationMs: number };

/**
 * Calls a classifier with a hard deadline. It never throws: failures and timeouts come back as
 * outcomes, and the router falls back to the signals (recorded in the trace).
 */
export async function runClassifier(classifier: Classifier, input: ClassifierInput, timeoutMs: number, parentSignal?: AbortSignal): Promise<ClassifierOutcome> {
  const started = performance.now();
  const controller = new AbortController();
  const onParentAbort = (): void => controller.abort(parentSignal?.reason);
  parentSignal?.addEventListener('abort', onParentAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`classifier timed out after ${timeoutMs} ms`));
      resolve('timeout');
    }, timeoutMs);
  });
  try {
    const outcome = await Promise.race([classifier.classify(input, { signal: controller.signal }), timeout]);
    const durationMs = performance.now() - started;
    if (outcome === 'timeout') return { status: 'timeout', durationMs };
    if (!isValidResult(outcome)) return { status: 'failed', error: 'classifier returned an invalid result', durationMs };
    return { status: 'ok', result: outcome, durationMs };
  } catch (error) {
    return { status: 'failed', error: error instanceof Error ? error.message : String(error), durationMs: performance.now() - started };
  } finally {
    clearTimeout(timer);
    parentSignal?.removeEventListener('abort', onParentAbort);
  }
}

function isValidResult(value: unknown): value is ClassifierResult {
  if (!value || typeof value !== 'object') return false;
  const confidence = (value as { confidence?: unknown }).confidence;
  return typeof confidence === 'number' && Number.isFinite(confidence) && confidence >= 0 && confidence <= 1;
}
