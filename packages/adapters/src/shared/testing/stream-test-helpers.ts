import { MockAgent } from 'undici';
import type { StreamPart } from '@refract/core';

/** Test-only: drains a stream into an array; `onPart` sees each part as it arrives (to abort mid-stream, say). */
export async function collectParts(parts: AsyncIterable<StreamPart>, onPart?: (part: StreamPart) => void): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const part of parts) {
    out.push(part);
    onPart?.(part);
  }
  return out;
}

/** Test-only: a MockAgent that refuses every real connection. */
export function offlineMockAgent(): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  return agent;
}

/** Test-only: the error part's error, or a failure when the stream did not end in one. */
export function errorOf(parts: StreamPart[]): Extract<StreamPart, { type: 'error' }>['error'] {
  const last = parts.at(-1);
  if (last?.type !== 'error') throw new Error(`expected the stream to end with an error part, got ${JSON.stringify(last)}`);
  return last.error;
}

/** Test-only: the first `next()` of a stream, expected to throw. */
export async function firstNextError(parts: AsyncIterable<StreamPart>): Promise<unknown> {
  try {
    await parts[Symbol.asyncIterator]().next();
  } catch (error) {
    return error;
  }
  throw new Error('expected the first next() to throw');
}

/** Test-only: reads a stream and aborts `controller` at its first text delta; returns every part and when it aborted. */
export async function abortAtFirstText(parts: AsyncIterable<StreamPart>, controller: AbortController): Promise<{ parts: StreamPart[]; abortedAt: number }> {
  let abortedAt = Number.NaN;
  const out = await collectParts(parts, (part) => {
    if (part.type === 'text-delta' && Number.isNaN(abortedAt)) {
      abortedAt = performance.now();
      controller.abort();
    }
  });
  return { parts: out, abortedAt };
}

/**
 * Test-only: how long after `since` (a `performance.now()` time) the fake upstream saw a client
 * socket close, waiting up to `waitMs` for one; Infinity when none closed. The bound for
 * an abort is 100 ms.
 */
export async function socketCloseDelay(upstream: { socketCloses: readonly number[] }, since: number, waitMs = 1000): Promise<number> {
  const first = (): number | undefined => upstream.socketCloses.find((time) => time >= since);
  for (let waited = 0; first() === undefined && waited < waitMs; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
  return (first() ?? Infinity) - since;
}
