import { toOpenAIError } from '../errors/to-openai-error';
import type { StreamExecution } from '../gateway/execution';

const encoder = new TextEncoder();

/**
 * The server-sent events response of a stream: `data: <chunk>` per chunk, an OpenAI-format
 * `data: {"error":…}` event if the stream fails after it began, then `data: [DONE]`. When the
 * client goes away the body is cancelled, which closes the upstream call.
 */
export function sseResponse(execution: StreamExecution, headers: Record<string, string>): Response {
  const iterator = execution[Symbol.asyncIterator]();
  let finished = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (finished) return;
      try {
        const next = await iterator.next();
        if (next.done) {
          finished = true;
          controller.enqueue(encoder.encode('data: [DONE]\n\n'));
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(next.value)}\n\n`));
      } catch (error) {
        finished = true;
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(toOpenAIError(error).body)}\n\n`));
        controller.enqueue(encoder.encode('data: [DONE]\n\n'));
        controller.close();
      }
    },
    async cancel() {
      finished = true;
      await iterator.return?.(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no', ...headers },
  });
}
