import { describe, expect, it } from 'vitest';
import { readJsonBody } from './read-json-body';

const post = (body: BodyInit, headers: Record<string, string> = {}): Request => new Request('http://localhost/v1/chat/completions', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('readJsonBody', () => {
  it('reads a body of declared length in one go, and a streamed body chunk by chunk', async () => {
    expect(await readJsonBody(post('{"a":1}', { 'content-length': '7' }))).toEqual({ a: 1 });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"b":'));
        controller.enqueue(new TextEncoder().encode('[2]}'));
        controller.close();
      },
    });
    expect(await readJsonBody(post(stream))).toEqual({ b: [2] });
  });

  it('refuses a body over the limit whether the length is declared, understated or unknown', async () => {
    await expect(readJsonBody(post('{"a":"xxxxxxxxxx"}', { 'content-length': '18' }), 10)).rejects.toMatchObject({ code: 'REFRACT_ERR_BODY_TOO_LARGE' });
    await expect(readJsonBody(post('{"a":"xxxxxxxxxx"}', { 'content-length': '5' }), 10)).rejects.toMatchObject({ code: 'REFRACT_ERR_BODY_TOO_LARGE' });
    const stream = new ReadableStream<Uint8Array>({ pull: (controller) => controller.enqueue(new Uint8Array(8).fill(32)) });
    await expect(readJsonBody(post(stream), 100)).rejects.toMatchObject({ code: 'REFRACT_ERR_BODY_TOO_LARGE' });
  });

  it('names bad JSON and a missing body', async () => {
    await expect(readJsonBody(post('{"a":', { 'content-length': '5' }))).rejects.toMatchObject({ code: 'REFRACT_ERR_INVALID_JSON' });
    await expect(readJsonBody(new Request('http://localhost/', { method: 'POST' }))).rejects.toThrow('The request has no body');
  });
});
