import type { ServerResponse } from 'node:http';
import { fakeAnswer, fakeUsage, textOf } from './fake-openai';
import { sendJson, writeSlowly, type UpstreamHandler } from './fake-upstream';

interface AnthropicWireRequest {
  model?: string;
  messages?: { role: string; content?: unknown }[];
  tools?: { name?: string }[];
  stream?: boolean;
}

/** One event of an Anthropic Messages stream, as sent on the wire (`event:` and `data:` lines). */
export function anthropicSseEvent(event: { type: string; [key: string]: unknown }): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * A deterministic Anthropic Messages provider (`POST /v1/messages`, JSON and SSE) for
 * `startFakeUpstream`, answering like `fakeOpenAIHandler`: a `tool_use` of the first tool when
 * tools are given, `Tool said: …` after a `tool_result`, else `<replyPrefix><last user text>`.
 *
 * @example
 * const upstream = await startFakeUpstream(fakeAnthropicHandler());
 * const adapter = createAnthropicAdapter({ baseURL: upstream.url, apiKey: 'test' });
 */
export function fakeAnthropicHandler(options: { replyPrefix?: string; chunkDelayMs?: number } = {}): UpstreamHandler {
  const replyPrefix = options.replyPrefix ?? 'claude: ';
  return async (request, response) => {
    const path = request.url.split('?')[0] ?? '/';
    if (!path.endsWith('/v1/messages')) {
      sendJson(response, 404, { type: 'error', error: { type: 'not_found_error', message: `no route ${path}` } });
      return;
    }
    const body = (request.json ?? {}) as AnthropicWireRequest;
    const messages = (body.messages ?? []).map((message) => ({ role: message.role, content: message.content }));
    const answer = fakeAnswer(messages, (body.tools ?? []).map((tool) => tool.name ?? '').filter(Boolean), replyPrefix);
    const usage = fakeUsage(request.body, 'text' in answer ? answer.text : answer.tool.arguments);
    const model = body.model ?? 'claude-unknown';
    const block =
      'text' in answer
        ? { type: 'text', text: answer.text }
        : { type: 'tool_use', id: 'toolu_fake_1', name: answer.tool.name, input: JSON.parse(answer.tool.arguments) as unknown };
    const stopReason = 'text' in answer ? 'end_turn' : 'tool_use';
    if (!body.stream) {
      sendJson(response, 200, {
        id: 'msg_fake',
        type: 'message',
        role: 'assistant',
        model,
        content: [block],
        stop_reason: stopReason,
        stop_sequence: null,
        usage: { input_tokens: usage.prompt_tokens, output_tokens: usage.completion_tokens },
      });
      return;
    }
    await streamMessage(response, model, block, stopReason, usage, options.chunkDelayMs);
  };
}

async function streamMessage(
  response: ServerResponse,
  model: string,
  block: { type: string; text?: string; id?: string; name?: string; input?: unknown },
  stopReason: string,
  usage: { prompt_tokens: number; completion_tokens: number },
  delayMs: number | undefined,
): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const events = [
    anthropicSseEvent({ type: 'message_start', message: { id: 'msg_fake', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.prompt_tokens, output_tokens: 1 } } }),
  ];
  if (block.type === 'text') {
    events.push(anthropicSseEvent({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
    for (const piece of textOf(block.text).match(/\S+\s*/g) ?? []) events.push(anthropicSseEvent({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } }));
  } else {
    const json = JSON.stringify(block.input ?? {});
    events.push(
      anthropicSseEvent({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } }),
      anthropicSseEvent({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: json.slice(0, 5) } }),
      anthropicSseEvent({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: json.slice(5) } }),
    );
  }
  events.push(
    anthropicSseEvent({ type: 'content_block_stop', index: 0 }),
    anthropicSseEvent({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.completion_tokens } }),
    anthropicSseEvent({ type: 'message_stop' }),
  );
  await writeSlowly(response, events, delayMs ? { delayMs } : {});
  if (!response.destroyed) response.end();
}
