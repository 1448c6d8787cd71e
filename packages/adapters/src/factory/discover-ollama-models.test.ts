import { sendJson, startFakeUpstream } from '@refract/test-support';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { discoverOllamaModels } from './discover-ollama-models';

describe('discoverOllamaModels', () => {
  it('turns /api/tags into free deployments with catalog tiers, size-guessed tiers, and unrouted embedding models', async () => {
    const upstream = await startFakeUpstream((request, response) => {
      if (request.url === '/api/tags') sendJson(response, 200, { models: [{ name: 'llama3.2:3b' }, { name: 'my-finetune:70b' }, { name: 'nomic-embed-text:latest' }, { name: 'mystery' }] });
      else sendJson(response, 404, {});
    });
    try {
      const models = await discoverOllamaModels({ id: 'ollama', type: 'ollama', models: [] }, { OLLAMA_HOST: upstream.url });
      expect(models).toEqual([
        { id: 'llama3.2:3b', catalogId: 'llama-3.2-3b', tier: 'minimal', pricing: { input: 0, output: 0 } },
        { id: 'my-finetune:70b', tier: 'advanced', pricing: { input: 0, output: 0 } },
        { id: 'nomic-embed-text:latest', tier: 'minimal', pricing: { input: 0, output: 0 }, routable: false },
        { id: 'mystery', tier: 'low', pricing: { input: 0, output: 0 } },
      ]);
    } finally {
      await upstream.close();
    }
  });

  it('gives up within the timeout when the server accepts but never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const started = performance.now();
    try {
      await expect(discoverOllamaModels({ id: 'ollama', type: 'ollama', models: [] }, { OLLAMA_HOST: `127.0.0.1:${port}` }, { timeoutMs: 300 })).rejects.toMatchObject({ kind: 'timeout' });
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      silent.close();
    }
  });
});
