import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockAgent } from 'undici';
import { isProviderError } from '@refract/core';
import { startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { HttpClient } from '../http';
import { loadImage } from './load-image';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('loadImage', () => {
  let upstream: FakeUpstream;
  const http = new HttpClient({});
  beforeAll(async () => {
    upstream = await startFakeUpstream((request, response) => {
      if (request.url === '/cat.png') {
        response.writeHead(200, { 'content-type': 'image/png; charset=binary' });
        response.end(png);
      } else if (request.url === '/page') {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html>');
      } else if (request.url === '/big.png') {
        response.writeHead(200, { 'content-type': 'image/png' });
        response.end(Buffer.alloc(2048));
      } else {
        response.writeHead(404);
        response.end();
      }
    });
  });
  afterAll(async () => {
    await http.close();
    await upstream.close();
  });

  // The fake upstream listens on 127.0.0.1, a private address: allowed explicitly here.
  const options = { provider: 'ollama', http, path: 'messages.0.content.1', allowPrivateHosts: true };

  it('decodes base64 and percent-encoded data URLs', async () => {
    expect(await loadImage(`data:image/png;base64,${png.toString('base64')}`, options)).toEqual({ mediaType: 'image/png', base64: png.toString('base64') });
    expect(await loadImage('data:image/svg+xml,%3Csvg%2F%3E', options)).toEqual({ mediaType: 'image/svg+xml', base64: Buffer.from('<svg/>').toString('base64') });
  });

  it('fetches http(s) images through the client, without the adapter headers', async () => {
    expect(await loadImage(`${upstream.url}/cat.png`, options)).toEqual({ mediaType: 'image/png', base64: png.toString('base64') });
    expect(upstream.requests.at(-1)?.headers['authorization']).toBeUndefined();
    expect(upstream.requests.at(-1)?.headers['accept']).toBe('image/*');
  });

  it.each([
    ['a 404', '/missing.png', 'HTTP 404'],
    ['a non-image', '/page', 'content-type text/html'],
    ['an image over the size limit', '/big.png', 'larger than 1024 bytes'],
  ])('refuses %s with a bad_request error naming the request path', async (_what, path, why) => {
    const error = await loadImage(`${upstream.url}${path}`, { ...options, maxBytes: 1024 }).catch((caught: unknown) => caught);
    expect(isProviderError(error) && error.kind).toBe('bad_request');
    expect((error as Error).message).toContain(why);
    expect((error as Error).message).toContain('messages.0.content.1');
  });

  it.each(['http://127.0.0.1:9/a.png', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/a.png', 'http://10.1.2.3/a.png', 'http://localhost/a.png'])(
    'refuses the private or local address %s by default, without connecting',
    async (url) => {
      const before = upstream.requests.length;
      const error = await loadImage(url, { ...options, allowPrivateHosts: false }).catch((caught: unknown) => caught);
      expect(isProviderError(error) && error.kind).toBe('bad_request');
      expect((error as Error).message).toContain('private or local address');
      expect(upstream.requests.length).toBe(before);
    },
  );

  it('follows redirects and checks every hop', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const images = agent.get('https://images.example.com');
    images.intercept({ path: '/moved.png' }).reply(302, '', { headers: { location: '/cat.png' } });
    images.intercept({ path: '/cat.png' }).reply(200, png, { headers: { 'content-type': 'image/png' } });
    images.intercept({ path: '/sneaky.png' }).reply(302, '', { headers: { location: 'http://169.254.169.254/latest/meta-data' } });
    const viaMock = { provider: 'ollama', http: new HttpClient({ dispatcher: agent }), path: 'messages.0.content.0' };
    expect(await loadImage('https://images.example.com/moved.png', viaMock)).toEqual({ mediaType: 'image/png', base64: png.toString('base64') });
    const error = await loadImage('https://images.example.com/sneaky.png', viaMock).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('private or local address (169.254.169.254)');
    await agent.close();
  });

  it('refuses URLs when fetching is disabled, and unknown schemes, instead of dropping the image', async () => {
    for (const [url, extra] of [
      ['https://example.com/a.png', { fetchUrls: false }],
      ['ftp://example.com/a.png', {}],
      ['data:image/png;base64,@@@', {}],
    ] as const) {
      const error = await loadImage(url, { ...options, ...extra }).catch((caught: unknown) => caught);
      expect(isProviderError(error) && error.kind).toBe('bad_request');
    }
  });

  it('reads a data URL type from its bytes, requires an image, and applies acceptedTypes to data URLs too', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]).toString('base64');
    expect(await loadImage(`data:image/png;base64,${jpeg}`, options)).toEqual({ mediaType: 'image/jpeg', base64: jpeg });
    const notImage = await loadImage('data:text/plain,hello', options).catch((caught: unknown) => caught);
    expect(isProviderError(notImage) && [notImage.kind, notImage.param]).toEqual(['bad_request', 'messages.0.content.1']);
    expect((notImage as Error).message).toContain('is not an image (media type text/plain)');
    const svg = await loadImage('data:image/svg+xml,%3Csvg%2F%3E', { ...options, acceptedTypes: new Set(['image/png']) }).catch((caught: unknown) => caught);
    expect((svg as Error).message).toContain('of type image/svg+xml, which this provider does not accept (it takes image/png)');
  });
});
