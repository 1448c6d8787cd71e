import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createGateway, type Gateway } from '../harness/gateway';
import type { Mount, RunningMount } from '../harness/mounts';

/** The Vercel AI SDK (`ai` with `@ai-sdk/openai-compatible`) as the client of a mount. */
export function vercelAiSuite(mount: Mount): void {
  describe(`Vercel AI SDK → ${mount.name} mount`, () => {
    let gateway: Gateway;
    let server: RunningMount;
    let refract: ReturnType<typeof createOpenAICompatible>;

    beforeAll(async () => {
      gateway = await createGateway();
      server = await mount.start(gateway.router, gateway.handlerOptions);
      refract = createOpenAICompatible({ name: 'refract', baseURL: server.baseURL, apiKey: gateway.keys.acme, includeUsage: true });
    });
    afterAll(async () => {
      await server.close();
      await gateway.close();
    });

    it('generateText through auto-routing', async () => {
      const result = await generateText({ model: refract('auto'), prompt: 'Say hello to the team', maxRetries: 0 });
      expect(result.text).toMatch(/^(echo|claude): Say hello to the team$/);
      expect(result.finishReason).toBe('stop');
      expect(result.usage.inputTokens).toBeGreaterThan(0);
      expect(result.response.headers?.['x-refract-model']).toBeTruthy();
    });

    it.each([
      ['openai/gpt-4o-mini', 'echo: '],
      ['anthropic/claude-haiku-4-5', 'claude: '],
    ])('streamText with %s, usage from the final chunk', async (model, prefix) => {
      const errors: unknown[] = [];
      const result = streamText({ model: refract(model), prompt: 'Say hello to the team', maxRetries: 0, onError: ({ error }) => void errors.push(error) });
      expect(await result.text).toBe(`${prefix}Say hello to the team`);
      expect(await result.finishReason).toBe('stop');
      expect((await result.usage).outputTokens).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    });

    it('runs a tool loop (tool call → result → answer)', async () => {
      const result = await generateText({
        model: refract('anthropic/claude-haiku-4-5'),
        prompt: 'Weather in Lima?',
        maxRetries: 0,
        stopWhen: stepCountIs(3),
        tools: {
          get_weather: tool({
            description: 'Current weather in a city',
            inputSchema: z.object({ query: z.string() }),
            execute: async ({ query }) => `mild in ${query.replace('Weather in ', '').replace('?', '')}`,
          }),
        },
      });
      expect(result.steps).toHaveLength(2);
      expect(result.steps[0]?.toolCalls[0]).toMatchObject({ toolName: 'get_weather', input: { query: 'Weather in Lima?' } });
      expect(result.text).toBe('Tool said: mild in Lima');
    });
  });
}
