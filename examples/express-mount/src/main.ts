import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createMemoryStorage, createRouter, storageHooks } from '@refract/core';
import { createOpenAIAdapter } from '@refract/adapters/openai';
import { startLocalOpenAI } from '@refract/example-local-openai';
import { createApp } from './app';

export interface Running {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the app: OpenAI when `OPENAI_API_KEY` is set, else a local stand-in provider; in-memory
 * storage through storage hooks (open until you create an API key, then keys are required).
 *
 * @example
 * const running = await main({ port: 3000 });
 */
export async function main(options: { port?: number; env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {}): Promise<Running> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const local = env['OPENAI_API_KEY'] ? undefined : await startLocalOpenAI();
  const openai = createOpenAIAdapter(local ? { baseURL: local.baseURL, apiKey: 'local' } : { apiKey: env['OPENAI_API_KEY'] as string });
  const storage = createMemoryStorage();
  const router = createRouter({ providers: [{ id: 'openai', type: 'openai', models: ['gpt-4o-mini', 'gpt-4o'] }], adapters: { openai }, store: storage });
  const hooks = storageHooks(router, storage);
  const server = createServer(createApp(router, hooks.handlerOptions));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  log(`Express app on ${url} (Refract under ${url}/ai)${local ? `; provider: local stand-in at ${local.baseURL} (set OPENAI_API_KEY for OpenAI)` : '; provider: OpenAI'}`);
  log(`  curl ${url}/hello`);
  log(`  curl ${url}/ai/v1/chat/completions -H 'content-type: application/json' -d '{"model":"auto","messages":[{"role":"user","content":"Hello!"}]}'`);
  return {
    url,
    async close() {
      // Stop taking requests, let those in flight finish, then flush the request records.
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hooks.close();
      await openai.close();
      await local?.close();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const running = await main({ port: Number(process.env['PORT'] ?? 3000) });
  const stop = (): void => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
