import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProviderError } from '@refract/core';
import { sendJson, startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { MODEL, testOptions } from './bedrock-test-kit';
import { createBedrockAdapter, type BedrockAdapterOptions } from './index';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const OK = { output: { message: { role: 'assistant', content: [{ text: 'a cat' }] } }, stopReason: 'end_turn', usage: { inputTokens: 5, outputTokens: 2 } };

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream((request, response) => {
    const path = request.url;
    if (path.endsWith('/converse')) return sendJson(response, 200, OK);
    if (path === '/cat.png') {
      response.writeHead(200, { 'content-type': 'image/png' });
      return void response.end(PNG);
    }
    if (path === '/cat.bin') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void response.end(PNG);
    }
    if (path === '/cat.svg') {
      response.writeHead(200, { 'content-type': 'image/svg+xml' });
      return void response.end('<svg xmlns="http://www.w3.org/2000/svg"/>');
    }
    if (path === '/page.html') {
      response.writeHead(200, { 'content-type': 'text/html' });
      return void response.end('<html></html>');
    }
    if (path === '/huge.png') {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': '5000000' });
      return void response.end();
    }
    if (path === '/chunked-huge.png') {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.write(PNG);
      response.write(Buffer.alloc(64));
      return void response.end(Buffer.alloc(64));
    }
    if (path === '/moved') {
      response.writeHead(302, { location: '/cat.png' });
      return void response.end();
    }
    if (path === '/away') {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      return void response.end();
    }
    response.writeHead(404);
    response.end('not found');
  });
});
afterAll(async () => upstream.close());

/** The fake upstream is on 127.0.0.1, which the default policy refuses: these tests admit it explicitly. */
const local = (url: URL): boolean => url.hostname === '127.0.0.1';

function chatWithImage(url: string, options: BedrockAdapterOptions) {
  const adapter = createBedrockAdapter(testOptions({ endpoint: upstream.url, ...options }));
  return adapter.chat({ model: MODEL, messages: [{ role: 'user', content: [{ type: 'text', text: 'What is it?' }, { type: 'image_url', image_url: { url } }] }] });
}

function converseCalls(): unknown[] {
  return upstream.requests.filter((request) => request.url.endsWith('/converse')).map((request) => request.json);
}

describe('http(s) image URLs', () => {
  // Refused images are bad_request ProviderErrors (the gateway fails fast on them) naming the part in `param`.
  it('are refused by default with an error naming the parameter and the option, and nothing is sent', async () => {
    const before = upstream.requests.length;
    const thrown = await chatWithImage(`${upstream.url}/cat.png`, {}).catch((error: unknown) => error);
    expect(isProviderError(thrown) && thrown.kind).toBe('bad_request');
    expect(thrown).toMatchObject({ retryable: false, param: 'messages.0.content.1.image_url.url' });
    expect((thrown as Error).message).toContain('fetchImageUrls');
    expect(upstream.requests.length).toBe(before);
  });

  it('with `fetchImageUrls: true` still refuse private and local hosts, like every adapter', async () => {
    const before = upstream.requests.length;
    await expect(chatWithImage(`${upstream.url}/cat.png`, { fetchImageUrls: true })).rejects.toThrow(/private or local address \(127\.0\.0\.1\)/);
    await expect(chatWithImage('http://169.254.169.254/latest/meta-data/', { fetchImageUrls: true })).rejects.toThrow(/private or local address/);
    expect(upstream.requests.length).toBe(before);
  });

  it('are downloaded through the adapter when allowed and sent as bytes', async () => {
    const { response } = await chatWithImage(`${upstream.url}/cat.png`, { fetchImageUrls: local });
    expect(response.choices[0]?.message.content).toBe('a cat');
    const body = converseCalls().at(-1) as { messages: { content: unknown[] }[] };
    expect(body.messages[0]?.content).toEqual([{ text: 'What is it?' }, { image: { format: 'png', source: { bytes: PNG.toString('base64') } } }]);
  });

  it('follow redirects, and recognise images served as octet-stream by their bytes', async () => {
    await expect(chatWithImage(`${upstream.url}/moved`, { fetchImageUrls: local })).resolves.toBeDefined();
    await expect(chatWithImage(`${upstream.url}/cat.bin`, { fetchImageUrls: local })).resolves.toBeDefined();
    const body = converseCalls().at(-1) as { messages: { content: unknown[] }[] };
    expect(body.messages[0]?.content[1]).toEqual({ image: { format: 'png', source: { bytes: PNG.toString('base64') } } });
  });

  it('check every redirect target against the allow function', async () => {
    const allow = (url: URL) => url.hostname === '127.0.0.1';
    await expect(chatWithImage(`${upstream.url}/away`, { fetchImageUrls: allow })).rejects.toThrow(/169\.254\.169\.254.*not allowed/);
    await expect(chatWithImage('https://example.com/cat.png', { fetchImageUrls: allow })).rejects.toThrow(/not allowed/);
  });

  it.each([
    ['/page.html', /is not an image \(content-type text\/html\)/],
    ['/cat.svg', /of type image\/svg\+xml, which this provider does not accept \(it takes image\/png, image\/jpeg, image\/gif, image\/webp\)/],
    ['/huge.png', /larger than 1000 bytes/],
    ['/chunked-huge.png', /larger than 100 bytes/],
    ['/missing.png', /HTTP 404/],
  ])('refuse %s with a clear error', async (path, message) => {
    const maxImageBytes = path === '/chunked-huge.png' ? 100 : 1000;
    const thrown = await chatWithImage(`${upstream.url}${path}`, { fetchImageUrls: local, maxImageBytes }).catch((error: unknown) => error);
    expect(isProviderError(thrown) && thrown.kind).toBe('bad_request');
    expect(thrown).toMatchObject({ param: 'messages.0.content.1.image_url.url' });
    expect((thrown as Error).message).toMatch(message);
  });

  it('refuse URLs that are neither data: nor http(s):', async () => {
    await expect(chatWithImage('ftp://example.com/cat.png', { fetchImageUrls: local })).rejects.toThrow(/data: or http\(s\)/);
    await expect(chatWithImage('not a url', { fetchImageUrls: local })).rejects.toThrow(/neither a data: URL nor a valid http\(s\) URL/);
  });
});
