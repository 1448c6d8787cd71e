import { DEFAULT_MODELS } from '@refract/adapters';
import { loadDefaultClassifier, type RouteDecision } from '@refract/core';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeOpenAI, post, readSse, serveForTest, type FakeOpenAI } from './serve-test-kit';
import type { RunningServe } from './start-serve';

let server: RunningServe | undefined;
let upstream: FakeOpenAI | undefined;
afterEach(async () => {
  await server?.close();
  await upstream?.close();
  server = undefined;
  upstream = undefined;
});

describe('refract serve with providers from the environment or the config file', () => {
  it('detects OpenAI from OPENAI_API_KEY + OPENAI_BASE_URL, routes auto among its default models only, and sends the key there', async () => {
    upstream = await fakeOpenAI();
    server = await serveForTest({ env: { OPENAI_API_KEY: 'sk-test-detected-0001', OPENAI_BASE_URL: `${upstream.url}/v1` } });
    expect(server.banner).toMatch(/openai\s+5 models\s+openai\s+from OPENAI_API_KEY, OPENAI_BASE_URL/);
    expect(server.banner).not.toContain('DEMO');
    expect(server.banner).toContain('"auto" routes among these 5 model(s)');

    const response = await post(server.url, '/v1/chat/completions', { model: 'auto', messages: [{ role: 'user', content: 'Summarise the plot of Hamlet in two sentences.' }] });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-refract-demo')).toBeNull();
    expect(response.headers.get('x-refract-provider')).toBe('openai');
    const body = (await response.json()) as { choices: { message: { content: string } }[]; auto_routing: { model: string } };
    expect(DEFAULT_MODELS.openai).toContain(body.auto_routing.model);
    expect(body.choices[0]?.message.content).toBe(`fake answer from ${body.auto_routing.model}`);
    expect(upstream.chats()[0]?.headers.authorization).toBe('Bearer sk-test-detected-0001');
    expect((upstream.chats()[0]?.json as { model: string }).model).toBe(body.auto_routing.model);

    const models = (await (await fetch(`${server.url}/v1/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((model) => model.id)).toEqual(['auto', 'auto-prism', ...DEFAULT_MODELS.openai.map((id) => `openai/${id}`)]);

    const streamed = await readSse(await post(server.url, '/v1/chat/completions', { model: 'auto', stream: true, messages: [{ role: 'user', content: 'count to five' }] }));
    expect(streamed.done).toBe(true);
    expect(streamed.events.map((event) => ((event['choices'] as { delta?: { content?: string } }[])[0]?.delta?.content ?? '')).join('')).toBe('one two three four five');
    expect(streamed.events.at(-1)).toMatchObject({ usage: { prompt_tokens: 10, completion_tokens: 5 } });
  });

  it('uses only the providers a config file names; the environment supplies the key its apiKeyEnv names', async () => {
    upstream = await fakeOpenAI();
    server = await serveForTest({
      env: { OPENAI_API_KEY: 'sk-not-for-this-provider', LOCAL_LLM_KEY: 'local-key-000001' },
      config: { providers: [{ id: 'local', type: 'openai', models: [{ id: 'llama-3.3-70b' }, 'gpt-4o-mini'], options: { baseURL: `${upstream.url}/v1`, apiKeyEnv: 'LOCAL_LLM_KEY' } }], routing: { costMode: 'economy' } },
    });
    expect(server.banner).toMatch(/local\s+2 models\s+openai\s+from refract\.config\.json/);
    const models = (await (await fetch(`${server.url}/v1/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((model) => model.id)).toEqual(['auto', 'auto-prism', 'local/llama-3.3-70b', 'local/gpt-4o-mini']);
    const response = await post(server.url, '/v1/chat/completions', { model: 'auto', messages: [{ role: 'user', content: 'hello' }] });
    expect(response.status).toBe(200);
    expect(upstream.chats()[0]?.headers.authorization).toBe('Bearer local-key-000001');
    expect(server.router.config.routing.costMode).toBe('economy');
  });

  it('fills in the default models of a config provider that lists none', async () => {
    upstream = await fakeOpenAI();
    server = await serveForTest({ env: { OPENAI_API_KEY: 'sk-test-defaults-01', OPENAI_BASE_URL: `${upstream.url}/v1` }, config: { providers: [{ id: 'openai' }] } });
    expect(server.router.deployments.all.map((deployment) => deployment.model)).toEqual([...DEFAULT_MODELS.openai]);
  });

  it('skips an unreachable OLLAMA_HOST with a note, and falls back to the demo when nothing else is configured', async () => {
    server = await serveForTest({ env: { OLLAMA_HOST: '127.0.0.1:1' } });
    expect(server.banner).toMatch(/Ollama at http:\/\/127\.0\.0\.1:1 is not reachable \(.*ECONNREFUSED.*\): not enabled/);
    expect(server.banner).toContain('DEMO MODE');
  });

  it('asks the shipped learned classifier when the rule set is unsure, unless the config turns it off', async () => {
    const unsure = { model: 'auto', messages: [{ role: 'user', content: 'Tell me about the history of the Roman aqueducts.' }] };
    const learned = (await loadDefaultClassifier()).name;
    server = await serveForTest();
    expect(server.banner).toContain(`Classifier: ${learned} (asked when the rule set is unsure)`);
    const routed = (await (await post(server.url, '/v1/route', unsure)).json()) as RouteDecision;
    expect(routed.classifier).toBe(learned);
    expect(JSON.stringify(routed.trace.find((step) => step.name === 'classifier'))).toContain(learned);
    await server.close();

    server = await serveForTest({ config: { classifier: false } });
    expect(server.banner).toContain('Classifier: none (routing on the rule set signals alone)');
    const plain = (await (await post(server.url, '/v1/route', unsure)).json()) as RouteDecision;
    expect(plain.classifier).toBeUndefined();
  });

  it('calls the configured LLM classifier on a served provider, and its verdict routes the request', async () => {
    upstream = await fakeOpenAI({ verdict: { category: 'research_scientific', complexity: 0.7, confidence: 0.9, reasoning: 'history of engineering' } });
    server = await serveForTest({
      env: { LOCAL_LLM_KEY: 'local-key-000002' },
      config: {
        providers: [{ id: 'local', type: 'openai', models: ['gpt-4o-mini', 'gpt-4o'], options: { baseURL: `${upstream.url}/v1`, apiKeyEnv: 'LOCAL_LLM_KEY' } }],
        classifier: { learned: false, llm: { provider: 'local', model: 'gpt-4o-mini' } },
      },
    });
    expect(server.banner).toContain('Classifier: llm:gpt-4o-mini (asked when the rule set is unsure)');
    const response = await post(server.url, '/v1/chat/completions', { model: 'auto', messages: [{ role: 'user', content: 'Tell me about the history of the Roman aqueducts.' }] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { auto_routing: { category: string }; cost_info: { routing_cost_usd: number } };
    expect(body.auto_routing.category).toBe('research_scientific');
    expect(body.cost_info.routing_cost_usd).toBeGreaterThan(0);
    // Exactly one classifier call (none at startup), then the answer.
    expect(upstream.chats()).toHaveLength(2);
    const [classify, answer] = upstream.chats();
    expect(classify?.json).toMatchObject({ model: 'gpt-4o-mini', response_format: { json_schema: { name: 'route_classification' } } });
    expect(answer?.json).not.toHaveProperty('response_format');
  });

  it('refuses to start when classifier.llm names a provider it does not serve', async () => {
    await expect(serveForTest({ config: { classifier: { llm: { provider: 'nowhere', model: 'gpt-4o-mini' } } } })).rejects.toThrow('classifier.llm in refract.config.json names a provider not being served: nowhere');
  });

  it('on close, waits for a stream in flight to finish, then flushes its record', async () => {
    upstream = await fakeOpenAI({ chunkDelayMs: 60 });
    server = await serveForTest({ env: { OPENAI_API_KEY: 'sk-test-shutdown-01', OPENAI_BASE_URL: `${upstream.url}/v1` } });
    const response = await post(server.url, '/v1/chat/completions', { model: 'auto', stream: true, messages: [{ role: 'user', content: 'count to five' }] });
    const reading = readSse(response);
    const closing = server.close();
    const { done, events } = await reading;
    expect(done).toBe(true);
    expect(events.at(-1)).toMatchObject({ usage: { completion_tokens: 5 } });
    const report = await closing;
    expect(report).toMatchObject({ cut: 0, records: { written: 1, dropped: 0 } });
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    server = undefined;
  });
});
