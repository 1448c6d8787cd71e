import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../harness/gateway';
import type { Mount, RunningMount } from '../harness/mounts';

const PROVIDERS = [
  { model: 'openai/gpt-4o-mini', prefix: 'echo: ' },
  { model: 'anthropic/claude-haiku-4-5', prefix: 'claude: ' },
] as const;

const weatherTool: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Current weather in a city', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } },
};

/** The official `openai` package, unmodified, as the client of a mount. */
export function openAISdkSuite(mount: Mount): void {
  describe(`openai SDK → ${mount.name} mount`, () => {
    let gateway: Gateway;
    let server: RunningMount;
    let client: OpenAI;
    const clientWith = (apiKey: string): OpenAI => new OpenAI({ apiKey, baseURL: server.baseURL, maxRetries: 0 });

    beforeAll(async () => {
      gateway = await createGateway();
      server = await mount.start(gateway.router, gateway.handlerOptions);
      client = clientWith(gateway.keys.acme);
    });
    afterAll(async () => {
      await server.close();
      await gateway.close();
    });

    it('leaves the app’s own route alone', async () => {
      expect(await (await fetch(`${server.origin}/hello`)).text()).toBe('hello from the app');
    });

    it('chats through auto-routing, carrying auto_routing, cost_info and x-refract-* headers it ignores', async () => {
      const { data, response } = await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Say hello to the team' }] }).withResponse();
      expect(data.choices[0]?.message.content).toMatch(/^(echo|claude): Say hello to the team$/);
      expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
      const extra = data as unknown as { auto_routing: { model: string }; cost_info: { cost_usd: number } };
      expect(extra.auto_routing.model).toBe(response.headers.get('x-refract-model'));
      expect(typeof extra.cost_info.cost_usd).toBe('number');
    });

    it.each(PROVIDERS)('chats with $model over its own wire format', async ({ model, prefix }) => {
      const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Say hello to the team' }] });
      expect(completion.choices[0]?.message.content).toBe(`${prefix}Say hello to the team`);
      expect(completion.choices[0]?.finish_reason).toBe('stop');
    });

    it.each(PROVIDERS)('streams $model with stream_options.include_usage, the usage chunk last', async ({ model, prefix }) => {
      const stream = await client.chat.completions.create({ model, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Say hello to the team' }] });
      const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(`${prefix}Say hello to the team`);
      const last = chunks.at(-1)!;
      expect(last.choices).toEqual([]);
      expect(last.usage?.completion_tokens).toBeGreaterThan(0);
      expect((last as unknown as { cost_info?: unknown }).cost_info).toBeDefined();
    });

    it.each(PROVIDERS)('completes a tool-call round trip with $model', async ({ model }) => {
      const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
      const first = await client.chat.completions.create({ model, messages, tools: [weatherTool] });
      const call = first.choices[0]?.message.tool_calls?.[0];
      expect(first.choices[0]?.finish_reason).toBe('tool_calls');
      expect(call?.type === 'function' && call.function.name).toBe('get_weather');
      expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ query: 'Weather in Paris?' });
      messages.push(first.choices[0]!.message, { role: 'tool', tool_call_id: call!.id, content: 'sunny, 24 °C' });
      const final = await client.chat.completions.create({ model, messages, tools: [weatherTool] });
      expect(final.choices[0]?.message.content).toBe('Tool said: sunny, 24 °C');
    });

    it('streams a tool call (Anthropic wire → OpenAI chunks) the SDK can reassemble', async () => {
      const stream = client.chat.completions.stream({ model: 'anthropic/claude-haiku-4-5', messages: [{ role: 'user', content: 'Weather in Oslo?' }], tools: [weatherTool] });
      const completion = await stream.finalChatCompletion();
      const call = completion.choices[0]?.message.tool_calls?.[0];
      expect(call?.type === 'function' && call.function.name).toBe('get_weather');
      expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ query: 'Weather in Oslo?' });
    });

    it('computes embeddings (the SDK asks for base64 and decodes it)', async () => {
      const result = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['alpha', 'beta'] });
      expect(result.data).toHaveLength(2);
      expect(result.data[1]?.embedding).toHaveLength(3);
      expect(result.data[1]?.embedding[1]).toBe(1);
      expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    });

    it('lists models with auto first, and retrieves one', async () => {
      const ids: string[] = [];
      for await (const model of client.models.list()) ids.push(model.id);
      expect(ids[0]).toBe('auto');
      expect(ids).toEqual(expect.arrayContaining(['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5']));
      expect((await client.models.retrieve('openai/gpt-4o-mini')).id).toBe('openai/gpt-4o-mini');
    });

    it('surfaces errors as the SDK’s own classes', async () => {
      const ask = (sdk: OpenAI, body: Partial<OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming> = {}) =>
        sdk.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }], ...body });
      await expect(ask(clientWith('rk_not-a-real-key'))).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
      await expect(ask(clientWith(gateway.keys.restricted), { model: 'openai/gpt-4o' })).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
      await expect(ask(client, { model: 'gpt-99' })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
      await expect(ask(client, { messages: [] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
      const tiny = clientWith(gateway.keys.tiny);
      await ask(tiny);
      const limited = await ask(tiny).catch((error: unknown) => error);
      expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
      expect(Number((limited as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after'))).toBeGreaterThan(0);
    });
  });
}
