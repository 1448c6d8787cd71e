import { afterEach, describe, expect, it } from 'vitest';
import { startLocalOpenAI, type LocalOpenAI } from './local-openai';

let local: LocalOpenAI | undefined;
afterEach(async () => {
  await local?.close();
});

const chat = (stream: boolean) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'gpt-4o', stream, messages: [{ role: 'user', content: 'ping' }] }),
});

describe('startLocalOpenAI', () => {
  it('answers chat completions as JSON and as a stream with usage', async () => {
    local = await startLocalOpenAI();
    const json = (await (await fetch(`${local.baseURL}/chat/completions`, chat(false))).json()) as { choices: { message: { content: string } }[] };
    expect(json.choices[0]?.message.content).toBe('[gpt-4o] You said: ping');
    const text = await (await fetch(`${local.baseURL}/chat/completions`, chat(true))).text();
    const events = text.split('\n\n').filter(Boolean).map((event) => event.slice('data: '.length));
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as { choices: { delta?: { content?: string } }[]; usage?: unknown });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('')).toBe('[gpt-4o] You said: ping');
    expect(chunks.at(-1)?.usage).toBeDefined();
  });

  it('lists its models and answers unknown routes with an OpenAI-format 404', async () => {
    local = await startLocalOpenAI();
    const models = (await (await fetch(`${local.baseURL}/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((model) => model.id)).toEqual(['gpt-4o-mini', 'gpt-4o']);
    const missing = await fetch(`${local.baseURL}/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});
