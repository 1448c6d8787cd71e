import { RefractValidationError, isProviderError, parseChatRequest } from '@refract/core';
import { sendJson, startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../shared';
import { createGeminiAdapter } from './index';
import { inlineDataOf, resolveImageUrl, type ImageResolverContext } from './resolve-image-url';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');

let upstream: FakeUpstream;
beforeEach(async () => {
  upstream = await startFakeUpstream((request, response) => {
    switch (request.url) {
      case '/cat.png':
        response.writeHead(200, { 'content-type': 'image/png' });
        return void response.end(PNG);
      case '/unlabelled':
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        return void response.end(PNG);
      case '/cat.gif':
        response.writeHead(200, { 'content-type': 'image/gif' });
        return void response.end(GIF);
      case '/page':
        response.writeHead(200, { 'content-type': 'text/html' });
        return void response.end('<html></html>');
      case '/big':
        response.writeHead(200, { 'content-type': 'image/png' });
        return void response.end(Buffer.concat([PNG, Buffer.alloc(4096)]));
      case '/moved':
        response.writeHead(302, { location: '/cat.png' });
        return void response.end();
      case '/loop':
        response.writeHead(301, { location: '/loop' });
        return void response.end();
      default:
        return sendJson(response, 404, { error: 'not found' });
    }
  });
});
afterEach(async () => {
  await upstream.close();
});

const http = new HttpClient({});
const context = (options: ImageResolverContext['options'] = {}): ImageResolverContext => ({
  provider: 'gemini',
  http,
  baseURL: 'https://generativelanguage.googleapis.com/v1beta',
  options: { allow: () => true, ...options },
});

describe('resolveImageUrl', () => {
  it('downloads an http image into inlineData without sending the Gemini key', async () => {
    const part = await resolveImageUrl(`${upstream.url}/cat.png`, 'messages.0.content.1', context());
    expect(part).toEqual({ inlineData: { mimeType: 'image/png', data: PNG.toString('base64') } });
    expect(upstream.requests[0]?.headers['x-goog-api-key']).toBeUndefined();
  });

  it('follows redirects, and sniffs the type when the server does not name it', async () => {
    expect((await resolveImageUrl(`${upstream.url}/moved`, 'p', context())).inlineData?.mimeType).toBe('image/png');
    expect((await resolveImageUrl(`${upstream.url}/unlabelled`, 'p', context())).inlineData?.mimeType).toBe('image/png');
    await expect(resolveImageUrl(`${upstream.url}/loop`, 'p', context())).rejects.toThrow(/redirects more than 3 times/);
  });

  // Refused images are bad_request ProviderErrors (the gateway fails fast on them) naming the part in `param`.
  it.each([
    ['/big', { maxBytes: 1024 }, /larger than 1024 bytes/],
    ['/cat.gif', {}, /of type image\/gif, which this provider does not accept \(it takes image\/png, image\/jpeg, image\/webp, image\/heic, image\/heif\)/],
    ['/page', {}, /is not an image \(content-type text\/html\)/],
    ['/missing', {}, /HTTP 404/],
  ])('refuses %s with a clear error naming the message part', async (path, options, message) => {
    const error = await resolveImageUrl(`${upstream.url}${path}`, 'messages.2.content.0', context(options)).catch((caught: unknown) => caught);
    expect(isProviderError(error) && error.kind).toBe('bad_request');
    expect((error as RefractValidationError).param).toBe('messages.2.content.0');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('messages.2.content.0');
  });

  it('refuses loopback and private hosts by default, and any URL in refuse mode', async () => {
    const defaults: ImageResolverContext = { provider: 'gemini', http, baseURL: 'https://generativelanguage.googleapis.com/v1beta', options: {} };
    await expect(resolveImageUrl(`${upstream.url}/cat.png`, 'p', defaults)).rejects.toThrow(/private or local address \(127\.0\.0\.1\); it is not fetched/);
    expect(upstream.requests).toHaveLength(0);
    const refused = await resolveImageUrl('https://example.com/a.png', 'p', context({ mode: 'refuse' })).catch((caught: unknown) => caught);
    expect(isProviderError(refused) && [refused.kind, refused.param]).toEqual(['bad_request', 'p']);
    expect((refused as Error).message).toContain("does not fetch image URLs: send it as a data: URL, or enable `imageUrls.mode: 'fetch'`");
  });

  it('checks a custom allow policy on every redirect target', async () => {
    const onlyMoved = context({ allow: (url) => url.pathname === '/moved' });
    await expect(resolveImageUrl(`${upstream.url}/moved`, 'p', onlyMoved)).rejects.toThrow(/\/cat\.png\) is not allowed by the adapter's image URL policy/);
    expect(upstream.requests.map((request) => request.url)).toEqual(['/moved']);
  });

  it('fetches images through the adapter when a request carries an http image URL', async () => {
    const gemini = createGeminiAdapter({ apiKey: 'k', baseURL: `${upstream.url}/v1beta`, imageUrls: { allow: () => true } });
    upstream.setHandler((request, response) => {
      if (request.url === '/cat.png') {
        response.writeHead(200, { 'content-type': 'image/png' });
        return void response.end(PNG);
      }
      sendJson(response, 200, { candidates: [{ content: { role: 'model', parts: [{ text: 'A cat.' }] }, finishReason: 'STOP' }] });
    });
    const request = parseChatRequest({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is it?' }, { type: 'image_url', image_url: { url: `${upstream.url}/cat.png` } }] }],
    });
    const { response } = await gemini.chat(request);
    expect(response.choices[0]?.message.content).toBe('A cat.');
    const sent = upstream.requests.find((recorded) => recorded.url.endsWith(':generateContent'))?.json as { contents: unknown };
    expect(sent.contents).toEqual([{ role: 'user', parts: [{ text: 'What is it?' }, { inlineData: { mimeType: 'image/png', data: PNG.toString('base64') } }] }]);
  });
});

describe('data URLs', () => {
  it('become inlineData as sent, and a broken one is a validation error naming the part', () => {
    expect(inlineDataOf('data:image/jpeg;base64,/9j/4AAQ', 'p')).toEqual({ mimeType: 'image/jpeg', data: '/9j/4AAQ' });
    expect(inlineDataOf('data:image/svg+xml,%3Csvg%2F%3E', 'p')).toEqual({ mimeType: 'image/svg+xml', data: Buffer.from('<svg/>').toString('base64') });
    for (const broken of ['data:image/png;base64,not base64!', 'data:image/png;base64']) {
      expect(() => inlineDataOf(broken, 'messages.0.content.2')).toThrow(RefractValidationError);
      expect(() => inlineDataOf(broken, 'messages.0.content.2')).toThrow(/messages\.0\.content\.2/);
    }
  });
});
