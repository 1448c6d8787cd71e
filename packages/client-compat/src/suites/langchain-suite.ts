import { ChatOpenAI } from '@langchain/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../harness/gateway';
import type { Mount, RunningMount } from '../harness/mounts';

/** LangChain's `ChatOpenAI` (`@langchain/openai`) as the client of a mount. */
export function langChainSuite(mount: Mount): void {
  describe(`LangChain ChatOpenAI → ${mount.name} mount`, () => {
    let gateway: Gateway;
    let server: RunningMount;
    const chatModel = (model: string): ChatOpenAI => new ChatOpenAI({ model, apiKey: gateway.keys.acme, configuration: { baseURL: server.baseURL }, maxRetries: 0 });

    beforeAll(async () => {
      gateway = await createGateway();
      server = await mount.start(gateway.router, gateway.handlerOptions);
    });
    afterAll(async () => {
      await server.close();
      await gateway.close();
    });

    it('invoke through auto-routing', async () => {
      const message = await chatModel('auto').invoke('Say hello to the team');
      expect(message.content).toMatch(/^(echo|claude): Say hello to the team$/);
      expect(message.usage_metadata?.input_tokens).toBeGreaterThan(0);
    });

    it.each([
      ['openai/gpt-4o-mini', 'echo: '],
      ['anthropic/claude-haiku-4-5', 'claude: '],
    ])('stream with %s, usage at the end', async (model, prefix) => {
      let text = '';
      let outputTokens = 0;
      for await (const chunk of await chatModel(model).stream('Say hello to the team')) {
        text += typeof chunk.content === 'string' ? chunk.content : '';
        outputTokens += chunk.usage_metadata?.output_tokens ?? 0;
      }
      expect(text).toBe(`${prefix}Say hello to the team`);
      expect(outputTokens).toBeGreaterThan(0);
    });
  });
}
