import { ProviderError } from '../errors/provider-error';
import { StreamAccumulator } from '../providers/stream-accumulator';
import { StreamChunkWriter } from '../providers/stream-chunk-writer';
import type { StreamPart } from '../providers/stream-part';
import type { ChatChunk } from '../spec/chat-chunk';
import { autoRoutingInfo, costInfo, refractHeaders } from './enrichment';
import type { StreamExecution, StreamSummary } from './execution';
import { meterUsage } from './metering';
import { runWithFallbacks, type FallbackRun } from './run-with-fallbacks';
import { asProviderError } from './targets';

interface OpenedStream {
  iterator: AsyncIterator<StreamPart>;
  /** The parts read while opening (normally just `stream-start`). */
  buffered: StreamPart[];
}

/**
 * The stream is committed to its provider with its first valid part (`stream-start`, produced when
 * the provider's first event arrives): the client gets its opening chunk then. Failures before it
 * (connect errors, non-2xx, an error as the provider's first event) may still fall back.
 */
function commits(part: StreamPart): boolean {
  return part.type !== 'error';
}

/**
 * Opens the stream on the first target whose provider starts answering, falling back (with
 * retries and the breaker) only while nothing has been sent: this resolves once the adapter has
 * produced its first valid part. After that, a failure ends the stream with an error; it is never
 * spliced with another model's output.
 */
export async function executeStream(run: FallbackRun): Promise<StreamExecution> {
  const started = performance.now();
  const requestId = crypto.randomUUID();
  const { router, breaker } = run;
  const opened = await runWithFallbacks<OpenedStream>(run, async ({ adapter, request, signal, timeoutMs, target }) => {
    const iterator = adapter.stream(request, { ...(signal ? { signal } : {}), timeoutMs })[Symbol.asyncIterator]();
    const buffered: StreamPart[] = [];
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) throw new ProviderError({ provider: target.provider, kind: 'network', message: 'the stream ended before any content' });
        if (next.value.type === 'error') throw next.value.error;
        buffered.push(next.value);
        if (commits(next.value)) return { iterator, buffered };
      }
    } catch (error) {
      await iterator.return?.(undefined);
      throw error;
    }
  });

  const decision = opened.decision;
  const served = { provider: opened.target.provider, model: opened.target.model };
  const fallbacksTried = opened.attempts.filter((attempt) => attempt.outcome !== 'success').map((attempt) => `${attempt.provider}/${attempt.model}`);
  const routing = autoRoutingInfo(decision, served, fallbacksTried);
  const startPart = opened.value.buffered.find((part) => part.type === 'stream-start');
  const writer = new StreamChunkWriter({
    id: (startPart?.type === 'stream-start' ? startPart.id : undefined) ?? `chatcmpl-${requestId.replaceAll('-', '')}`,
    model: served.model,
    created: Math.floor(router.clock.now() / 1000),
    includeUsage: true,
  });
  const accumulator = new StreamAccumulator();
  let settle: (summary: StreamSummary) => void = () => undefined;
  const summary = new Promise<StreamSummary>((resolve) => {
    settle = resolve;
  });
  let consumed = false;

  const finish = (status: 'success' | 'error', timeToFirstTokenMs: number | undefined, error?: Error): StreamSummary => {
    const metered = meterUsage(accumulator.usage, opened.request, accumulator.outputText(), router.tokenizer);
    const cost = router.price({ ...served, baselineModel: decision.baselineModel, routingCostUsd: decision.routingCostUsd }, metered.usage, metered.source);
    const result: StreamSummary = {
      status,
      served,
      usage: metered.usage,
      cost,
      attempts: opened.attempts,
      latencyMs: Math.round(performance.now() - started),
      timeToFirstTokenMs,
      ...(error ? { error } : {}),
    };
    settle(result);
    return result;
  };

  async function* chunks(): AsyncGenerator<ChatChunk> {
    let firstTokenMs: number | undefined;
    let done = false;
    try {
      const emit = function* (part: StreamPart): Generator<ChatChunk> {
        accumulator.add(part);
        for (const chunk of writer.write(part)) {
          firstTokenMs ??= Math.round(performance.now() - started);
          yield chunk;
        }
      };
      yield* writer.start();
      for (const part of opened.value.buffered) yield* emit(part);
      for (;;) {
        const next = await opened.value.iterator.next();
        if (next.done) break;
        if (next.value.type === 'error') {
          const error = next.value.error;
          accumulator.add(next.value);
          if (error.kind !== 'aborted') breaker.recordFailure(opened.target.key, `mid-stream ${error.kind}: ${error.message}`);
          done = true;
          finish('error', firstTokenMs, error);
          throw error;
        }
        yield* emit(next.value);
      }
      done = true;
      const result = finish('success', firstTokenMs);
      yield* writer.end(result.usage, { auto_routing: routing, cost_info: costInfo(result.usage, result.cost, decision.baselineModel) });
    } catch (error) {
      if (!done) {
        done = true;
        finish('error', firstTokenMs, asProviderError(served.provider, error, run.context.signal));
      }
      throw error;
    } finally {
      if (!done) finish('error', firstTokenMs, new ProviderError({ provider: served.provider, kind: 'aborted', message: 'the consumer stopped reading' }));
      await opened.value.iterator.return?.(undefined);
      opened.release();
    }
  }

  return {
    requestId,
    decision,
    served,
    headers: refractHeaders(requestId, routing, undefined),
    summary,
    async cancel() {
      if (consumed) return;
      consumed = true;
      finish('error', undefined, new ProviderError({ provider: served.provider, kind: 'aborted', message: 'cancelled before it was read' }));
      await opened.value.iterator.return?.(undefined);
      opened.release();
    },
    [Symbol.asyncIterator]() {
      if (consumed) throw new Error('a stream execution can be iterated once');
      consumed = true;
      return chunks();
    },
  };
}
