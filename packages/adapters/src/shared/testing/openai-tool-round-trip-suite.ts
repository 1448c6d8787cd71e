import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectStream, type ChatCompletion, type ChatRequest, type ProviderAdapter } from '@refract/core';
import { sendJson, startFakeUpstream, type FakeUpstream, type RecordedRequest } from '@refract/test-support';
import { toSse } from './provider-fixtures';

/**
 * Test-only: a two-step tool conversation (tools → tool call → tool result → final answer), once
 * with JSON responses and once streamed, against a fake OpenAI-wire upstream on a real socket.
 * Asserts the exact bodies the adapter sent (tool-call history included), and that the streamed
 * and non-streamed exchanges give the same result.
 */
export interface OpenAIToolRoundTripOptions {
  name: string;
  createAdapter: (upstreamUrl: string) => ProviderAdapter & { close(): Promise<void> };
  /** Path and query the adapter must call. */
  chatUrl: string;
  /** Checks the auth the adapter sent. */
  assertAuth: (request: RecordedRequest) => void;
  /** Fields the adapter itself adds to or changes in every body (e.g. Azure v1's deployment `model`). */
  bodyOverrides?: Record<string, unknown>;
}

interface Turn {
  id: string;
  content: string | null;
  reasoning?: string;
  toolCalls?: { id: string; name: string; arguments: string }[];
  finish: 'stop' | 'tool_calls';
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number; prompt_tokens_details?: { cached_tokens: number } };
}

const turns: Turn[] = [
  {
    id: 'chatcmpl-turn-1',
    content: null,
    reasoning: 'The user wants the weather; call the tool.',
    toolCalls: [
      { id: 'call_weather_1', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
      { id: 'call_time_2', name: 'get_time', arguments: '{"tz":"Europe/Paris"}' },
    ],
    finish: 'tool_calls',
    usage: { prompt_tokens: 82, completion_tokens: 41, total_tokens: 123 },
  },
  {
    id: 'chatcmpl-turn-2',
    content: 'It is 18 °C in Paris and 14:05 local time.',
    finish: 'stop',
    usage: { prompt_tokens: 150, completion_tokens: 17, total_tokens: 167, prompt_tokens_details: { cached_tokens: 64 } },
  },
];

function asJson(turn: Turn): unknown {
  return {
    id: turn.id,
    object: 'chat.completion',
    created: 1_730_000_000,
    model: 'gpt-4o-2024-08-06',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: turn.content,
          ...(turn.reasoning ? { reasoning_content: turn.reasoning } : {}),
          ...(turn.toolCalls ? { tool_calls: turn.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })) } : {}),
        },
        finish_reason: turn.finish,
      },
    ],
    usage: turn.usage,
  };
}

/** The same turn as OpenAI streams it: role chunk, fragments, finish chunk, usage chunk. */
function asSse(turn: Turn): string {
  const base = { id: turn.id, object: 'chat.completion.chunk', created: 1_730_000_000, model: 'gpt-4o-2024-08-06' };
  const delta = (value: unknown, finish: string | null = null): unknown => ({ ...base, choices: [{ index: 0, delta: value, finish_reason: finish }] });
  const chunks: unknown[] = [delta({ role: 'assistant', content: turn.content === null ? null : '' })];
  if (turn.reasoning) for (const word of turn.reasoning.split(/(?<= )/)) chunks.push(delta({ reasoning_content: word }));
  if (turn.content) for (const word of turn.content.split(/(?<= )/)) chunks.push(delta({ content: word }));
  turn.toolCalls?.forEach((call, index) => {
    chunks.push(delta({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    const half = Math.floor(call.arguments.length / 2);
    for (const piece of [call.arguments.slice(0, half), call.arguments.slice(half)]) chunks.push(delta({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  chunks.push(delta({}, turn.finish));
  chunks.push({ ...base, choices: [], usage: turn.usage });
  return toSse(chunks);
}

const tools: ChatRequest['tools'] = [
  { type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } }, required: ['city'] } } },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } } },
];

const firstRequest: ChatRequest = {
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: [{ type: 'text', text: 'Weather and time in Paris?' }, { type: 'image_url', image_url: { url: 'https://example.com/paris.png', detail: 'low' } }] },
  ],
  tools,
  tool_choice: 'auto',
  parallel_tool_calls: true,
  max_completion_tokens: 256,
  temperature: 0.2,
  seed: 7,
  vendor_extension: { keep: 'me' },
};

function secondRequest(first: ChatCompletion): ChatRequest {
  const message = first.choices[0]?.message;
  return {
    ...firstRequest,
    messages: [
      ...firstRequest.messages,
      { role: 'assistant', content: message?.content ?? null, ...(message?.tool_calls ? { tool_calls: message.tool_calls } : {}) },
      { role: 'tool', tool_call_id: 'call_weather_1', content: '{"temperature":18}' },
      { role: 'tool', tool_call_id: 'call_time_2', content: '14:05' },
    ],
  };
}

const expectedAssistantEcho = {
  role: 'assistant',
  content: null,
  tool_calls: [
    { id: 'call_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' } },
    { id: 'call_time_2', type: 'function', function: { name: 'get_time', arguments: '{"tz":"Europe/Paris"}' } },
  ],
};

export function describeOpenAIToolRoundTrip(options: OpenAIToolRoundTripOptions): void {
  describe(`${options.name}: two-step tool conversation`, () => {
    let upstream: FakeUpstream;
    let step = 0;
    let streaming = false;

    beforeAll(async () => {
      upstream = await startFakeUpstream((_request, response) => {
        const turn = turns[step++ % 2] as Turn;
        if (streaming) {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.end(asSse(turn));
        } else {
          sendJson(response, 200, asJson(turn));
        }
      });
    });
    afterAll(() => upstream.close());

    const adapter = (): ReturnType<OpenAIToolRoundTripOptions['createAdapter']> => options.createAdapter(upstream.url);

    async function run(mode: 'json' | 'stream'): Promise<ChatCompletion[]> {
      streaming = mode === 'stream';
      step = 0;
      upstream.requests.length = 0;
      const client = adapter();
      const call = async (request: ChatRequest): Promise<ChatCompletion> => {
        if (mode === 'json') return (await client.chat(request)).response;
        const result = await collectStream(client.stream(request));
        expect(result.error).toBeUndefined();
        return result.toCompletion({ id: 'unused', model: 'unused', created: 0 });
      };
      const first = await call(firstRequest);
      const second = await call(secondRequest(first));
      await client.close();
      return [first, second];
    }

    it.each(['json', 'stream'] as const)('%s: sends the exact bodies and maps the tool call and the final answer', async (mode) => {
      const [first, second] = await run(mode);
      const streamFields = { ...(mode === 'stream' ? { stream: true, stream_options: { include_usage: true } } : {}), ...options.bodyOverrides };
      expect(upstream.requests.map((request) => request.url)).toEqual([options.chatUrl, options.chatUrl]);
      for (const request of upstream.requests) options.assertAuth(request);
      expect(upstream.requests[0]?.json).toEqual({ ...firstRequest, ...streamFields });
      expect(upstream.requests[1]?.json).toEqual({
        ...firstRequest,
        ...streamFields,
        messages: [
          ...firstRequest.messages,
          expectedAssistantEcho,
          { role: 'tool', tool_call_id: 'call_weather_1', content: '{"temperature":18}' },
          { role: 'tool', tool_call_id: 'call_time_2', content: '14:05' },
        ],
      });
      expect(first?.choices[0]?.message.tool_calls).toEqual(expectedAssistantEcho.tool_calls);
      expect(first?.choices[0]?.message.reasoning_content).toBe('The user wants the weather; call the tool.');
      expect(first?.choices[0]?.finish_reason).toBe('tool_calls');
      expect(second?.choices[0]?.message.content).toBe('It is 18 °C in Paris and 14:05 local time.');
      expect(second?.choices[0]?.finish_reason).toBe('stop');
      expect(second?.usage).toMatchObject({ prompt_tokens: 150, completion_tokens: 17, prompt_tokens_details: { cached_tokens: 64 } });
    });

    it('gives the same content, tool calls, finish reasons and usage streamed and not streamed', async () => {
      const viaJson = await run('json');
      const viaStream = await run('stream');
      const essence = (completion: ChatCompletion | undefined): unknown => ({
        id: completion?.id,
        model: completion?.model,
        message: completion?.choices[0]?.message,
        finish: completion?.choices[0]?.finish_reason,
        usage: completion?.usage,
      });
      expect(viaStream.map(essence)).toEqual(viaJson.map(essence));
    });
  });
}
