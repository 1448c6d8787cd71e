import { ProviderError } from '../../errors/provider-error';
import type { ChatRequest } from '../../spec/chat-request';
import type { ChatCompletion } from '../../spec/chat-response';
import type { LlmClassifierModel } from './llm-classifier-options';

/**
 * One classifier call with its own deadline. It settles as soon as `signal` aborts or the
 * deadline passes, even if the adapter ignores its signal, and the adapter's call is aborted.
 */
export async function callModel(entry: LlmClassifierModel, request: ChatRequest, signal: AbortSignal, timeoutMs: number): Promise<ChatCompletion> {
  const controller = new AbortController();
  let rejectAbort: (reason: unknown) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    rejectAbort = reject;
  });
  const abort = (reason: unknown): void => {
    controller.abort(reason);
    rejectAbort(reason);
  };
  const onOuterAbort = (): void => abort(signal.reason ?? new Error('classification aborted'));
  if (signal.aborted) onOuterAbort();
  signal.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(
    () => abort(new ProviderError({ provider: entry.adapter.id, kind: 'timeout', message: `${entry.model} gave no answer within ${timeoutMs} ms` })),
    timeoutMs,
  );
  try {
    const call = entry.adapter.chat(request, { signal: controller.signal, timeoutMs });
    call.catch(() => undefined);
    const { response } = await Promise.race([call, aborted]);
    return response;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onOuterAbort);
    aborted.catch(() => undefined);
  }
}
