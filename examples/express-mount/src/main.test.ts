import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type Running } from './main';

describe('examples/express-mount', () => {
  let running: Running;
  const lines: string[] = [];
  beforeAll(async () => {
    running = await main({ port: 0, env: {}, log: (line) => lines.push(line) });
  });
  afterAll(async () => {
    await running.close();
  });

  it('starts offline and says how to call it', () => {
    expect(lines[0]).toContain(`Express app on ${running.url}`);
    expect(lines[0]).toContain('local stand-in');
  });

  it('serves the app’s own route', async () => {
    expect(await (await fetch(`${running.url}/hello`)).json()).toEqual({ hello: 'from the app' });
  });

  it('serves Refract under /ai: chat, stream and models', async () => {
    const body = { model: 'auto', messages: [{ role: 'user', content: 'Hello!' }] };
    const chat = await fetch(`${running.url}/ai/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(chat.status).toBe(200);
    const completion = (await chat.json()) as { choices: { message: { content: string } }[]; auto_routing: { provider: string } };
    expect(completion.choices[0]?.message.content).toMatch(/^\[gpt-4o(-mini)?\] You said: Hello!$/);
    expect(completion.auto_routing.provider).toBe('openai');

    const stream = await fetch(`${running.url}/ai/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, stream: true }) });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect((await stream.text()).trimEnd().endsWith('data: [DONE]')).toBe(true);

    const models = (await (await fetch(`${running.url}/ai/v1/models`)).json()) as { data: { id: string }[] };
    expect(models.data[0]?.id).toBe('auto');
  });
});
