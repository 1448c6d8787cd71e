import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectStream, type ChatCompletion, type ChatRequest } from '@refract/core';
import { sendJson, startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { toNdjson } from '../shared/testing/ollama-fixtures';
import { createOllamaAdapter } from './ollama-adapter';

/**
 * A two-step tool conversation against a fake Ollama on a real socket, in JSON and in NDJSON
 * streams: the exact `/api/chat` bodies (images as base64, tool calls with object arguments,
 * tool results mapped back to tool_name through the generated ids), and stream/JSON parity.
 */

const png = Buffer.from('89504e470d0a1a0a', 'hex');
const created = '2025-07-07T20:22:19.184789Z';

const turns = [
  {
    message: {
      role: 'assistant',
      content: '',
      thinking: 'Two tools are needed.',
      tool_calls: [
        { function: { name: 'get_weather', arguments: { city: 'Paris' } } },
        { function: { name: 'get_time', arguments: { tz: 'Europe/Paris' } } },
      ],
    },
    final: { done_reason: 'stop', prompt_eval_count: 169, eval_count: 25 },
  },
  {
    message: { role: 'assistant', content: 'It is 18 °C in Paris and 14:05.' },
    final: { done_reason: 'stop', prompt_eval_count: 231, eval_count: 14 },
  },
] as const;

function asJson(turn: (typeof turns)[number]): unknown {
  return { model: 'llama3.2', created_at: created, message: turn.message, done: true, ...turn.final };
}

/** As Ollama streams it: thinking and text in pieces, each tool call whole, then the done line. */
function asNdjson(turn: (typeof turns)[number]): string {
  const line = (message: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown => ({ model: 'llama3.2', created_at: created, message: { role: 'assistant', content: '', ...message }, done: false, ...extra });
  const lines: unknown[] = [];
  const { message } = turn;
  if ('thinking' in message) for (const piece of message.thinking.split(/(?<= )/)) lines.push(line({ thinking: piece }));
  for (const piece of message.content.split(/(?<= )/)) if (piece !== '') lines.push(line({ content: piece }));
  if ('tool_calls' in message) for (const call of message.tool_calls) lines.push(line({ tool_calls: [call] }));
  lines.push(line({}, { done: true, ...turn.final }));
  return toNdjson(lines);
}

describe('ollama adapter: two-step tool conversation', () => {
  let upstream: FakeUpstream;
  let step = 0;
  let streaming = false;
  beforeAll(async () => {
    upstream = await startFakeUpstream((recorded, response) => {
      if (recorded.url === '/paris.png') {
        response.writeHead(200, { 'content-type': 'image/png' });
        response.end(png);
        return;
      }
      const turn = turns[step++ % 2] as (typeof turns)[number];
      if (streaming) {
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        response.end(asNdjson(turn));
      } else {
        sendJson(response, 200, asJson(turn));
      }
    });
  });
  afterAll(() => upstream.close());

  const firstRequest = (): ChatRequest => ({
    model: 'llama3.2',
    messages: [
      { role: 'developer', content: 'Answer briefly.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather and time here?' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${png.toString('base64')}` } },
          { type: 'image_url', image_url: { url: `${upstream.url}/paris.png` } },
        ],
      },
    ],
    tools: [
      { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
      { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } } },
    ],
    temperature: 0.1,
    max_tokens: 200,
    seed: 42,
    stop: ['###'],
  });

  async function run(mode: 'json' | 'stream'): Promise<{ completions: ChatCompletion[]; bodies: unknown[] }> {
    streaming = mode === 'stream';
    step = 0;
    upstream.requests.length = 0;
    // The image is served by the fake upstream on 127.0.0.1: private hosts allowed explicitly.
    const adapter = createOllamaAdapter({ host: upstream.url, allowPrivateImageHosts: true });
    const call = async (request: ChatRequest): Promise<ChatCompletion> => {
      if (mode === 'json') return (await adapter.chat(request)).response;
      const result = await collectStream(adapter.stream(request));
      expect(result.error).toBeUndefined();
      return result.toCompletion({ id: result.id ?? 'missing', model: 'x', created: 0 });
    };
    const first = await call(firstRequest());
    const calls = first.choices[0]?.message.tool_calls ?? [];
    const second = await call({
      ...firstRequest(),
      messages: [
        ...firstRequest().messages,
        { role: 'assistant', content: null, tool_calls: calls },
        { role: 'tool', tool_call_id: calls[0]?.id ?? '', content: '{"temperature":18}' },
        { role: 'tool', tool_call_id: calls[1]?.id ?? '', content: '14:05' },
      ],
    });
    await adapter.close();
    return { completions: [first, second], bodies: upstream.requests.filter((request) => request.url === '/api/chat').map((request) => request.json) };
  }

  it.each(['json', 'stream'] as const)('%s: exact request bodies and mapped responses', async (mode) => {
    const { completions, bodies } = await run(mode);
    const [first, second] = completions;
    const calls = first?.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((call) => call.id)).toEqual([0, 1].map((index) => `call_${first?.id.slice('chatcmpl-'.length)}_${index}`));
    const base = {
      model: 'llama3.2',
      stream: mode === 'stream',
      tools: firstRequest().tools,
      options: { temperature: 0.1, seed: 42, num_predict: 200, stop: ['###'] },
    };
    const userMessages = [
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'Weather and time here?', images: [png.toString('base64'), png.toString('base64')] },
    ];
    expect(bodies[0]).toEqual({ ...base, messages: userMessages });
    expect(bodies[1]).toEqual({
      ...base,
      messages: [
        ...userMessages,
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            { id: calls[0]?.id, function: { name: 'get_weather', arguments: { city: 'Paris' } } },
            { id: calls[1]?.id, function: { name: 'get_time', arguments: { tz: 'Europe/Paris' } } },
          ],
        },
        { role: 'tool', content: '{"temperature":18}', tool_name: 'get_weather', tool_call_id: calls[0]?.id },
        { role: 'tool', content: '14:05', tool_name: 'get_time', tool_call_id: calls[1]?.id },
      ],
    });
    expect(first?.choices[0]).toMatchObject({ message: { content: null, reasoning_content: 'Two tools are needed.' }, finish_reason: 'tool_calls' });
    expect(calls.map((call) => [call.function.name, call.function.arguments])).toEqual([
      ['get_weather', '{"city":"Paris"}'],
      ['get_time', '{"tz":"Europe/Paris"}'],
    ]);
    expect(second?.choices[0]).toMatchObject({ message: { content: 'It is 18 °C in Paris and 14:05.' }, finish_reason: 'stop' });
    expect(second?.usage).toEqual({ prompt_tokens: 231, completion_tokens: 14, total_tokens: 245 });
  });

  it('gives the same content, tool calls, finish reasons and usage streamed and not streamed', async () => {
    const essence = (completion: ChatCompletion | undefined): unknown => ({
      model: completion?.model,
      created: completion?.created,
      message: {
        ...completion?.choices[0]?.message,
        tool_calls: completion?.choices[0]?.message.tool_calls?.map((call) => ({ ...call, id: call.id.replace(completion.id.slice('chatcmpl-'.length), '<response>') })),
      },
      finish: completion?.choices[0]?.finish_reason,
      usage: completion?.usage,
    });
    const viaJson = await run('json');
    const viaStream = await run('stream');
    expect(viaStream.completions.map(essence)).toEqual(viaJson.completions.map(essence));
  });
});
