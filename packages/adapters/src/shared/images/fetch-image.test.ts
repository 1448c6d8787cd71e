import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProviderError, type ProviderError } from '@refract/core';
import { sleep, startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { HttpClient } from '../http';
import { fetchImage, type ImageFetchOptions } from './fetch-image';

/**
 * The one image-URL fetch policy every adapter uses (Ollama, Bedrock, Gemini), over a real socket.
 * The fake upstream listens on 127.0.0.1, a private address: tests that fetch from it pass an
 * `allow` that admits it, as a deployment on a private network would.
 */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');

let upstream: FakeUpstream;
const http = new HttpClient({});
beforeAll(async () => {
  upstream = await startFakeUpstream(async (request, response) => {
    const send = (type: string, body: Buffer, headers: Record<string, string> = {}): void => {
      response.writeHead(200, { 'content-type': type, ...headers });
      response.end(body);
    };
    switch (request.url) {
      case '/cat.png':
        return send('image/png', PNG);
      case '/mislabelled.png':
        return send('image/png', JPEG);
      case '/unlabelled':
        return send('application/octet-stream', PNG);
      case '/cat.gif':
        return send('image/gif', GIF);
      case '/declared-huge.png':
        response.writeHead(200, { 'content-type': 'image/png', 'content-length': '5000000' });
        return void response.end();
      case '/loop':
        response.writeHead(302, { location: '/loop' });
        return void response.end();
      case '/to-ftp':
        response.writeHead(301, { location: 'ftp://example.com/cat.png' });
        return void response.end();
      case '/to-metadata':
        response.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' });
        return void response.end();
      case '/silent':
        return sleep(2000);
      case '/slow-body':
        response.writeHead(200, { 'content-type': 'image/png' });
        response.write(PNG);
        return sleep(2000);
      default:
        response.writeHead(404);
        return void response.end();
    }
  });
});
afterAll(async () => {
  await http.close();
  await upstream.close();
});

const local = (url: URL): boolean => url.hostname === '127.0.0.1';
const options = (extra: Partial<ImageFetchOptions> = {}): ImageFetchOptions => ({ provider: 'p', http, path: 'messages.3.content.1', allow: local, ...extra });

async function failure(url: string, extra: Partial<ImageFetchOptions> = {}): Promise<ProviderError> {
  const error = await fetchImage(url, options(extra)).catch((caught: unknown) => caught);
  if (!isProviderError(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('fetchImage', () => {
  it('returns the bytes and the type, which the bytes decide when they disagree with the header', async () => {
    expect(await fetchImage(`${upstream.url}/cat.png`, options())).toEqual({ mediaType: 'image/png', base64: PNG.toString('base64') });
    expect(await fetchImage(`${upstream.url}/mislabelled.png`, options())).toEqual({ mediaType: 'image/jpeg', base64: JPEG.toString('base64') });
    expect((await fetchImage(`${upstream.url}/unlabelled`, options())).mediaType).toBe('image/png');
  });

  it('refuses with a bad_request error naming the path, not retryable, param set', async () => {
    const error = await failure(`${upstream.url}/missing.png`);
    expect([error.kind, error.retryable, error.param, error.status]).toEqual(['bad_request', false, 'messages.3.content.1', 400]);
    expect(error.message).toContain('could not fetch the image at messages.3.content.1');
    expect(error.message).toContain('HTTP 404');
  });

  it.each([
    ['a type the provider does not take', '/cat.gif', { acceptedTypes: new Set(['image/png', 'image/jpeg']) }, 'of type image/gif, which this provider does not accept (it takes image/png, image/jpeg)'],
    ['a declared size over the cap, before reading', '/declared-huge.png', { maxBytes: 1000 }, 'larger than 1000 bytes'],
    ['a redirect loop', '/loop', {}, 'redirects more than 3 times'],
    ['a redirect to another scheme', '/to-ftp', {}, 'redirects to an unsupported ftp: URL'],
  ])('refuses %s', async (_what, path, extra, why) => {
    expect((await failure(`${upstream.url}${path}`, extra)).message).toContain(why);
  });

  it('checks every redirect target against the policy, without connecting to a refused one', async () => {
    const error = await failure(`${upstream.url}/to-metadata`);
    expect(error.message).toContain('(http://169.254.169.254/latest/meta-data/) is not allowed');
    const byDefault = await failure('http://169.254.169.254/latest/meta-data/', { allow: undefined });
    expect(byDefault.message).toContain('private or local address (169.254.169.254)');
  });

  it('refuses every URL when fetching is off, naming how to turn it on, and sends nothing', async () => {
    const before = upstream.requests.length;
    const error = await failure(`${upstream.url}/cat.png`, { fetchUrls: false, enableHint: 'the adapter option `fetchImageUrls`' });
    expect(error.message).toContain('send it as a data: URL, or enable the adapter option `fetchImageUrls`');
    expect(upstream.requests.length).toBe(before);
  });

  it('refuses what is not an http(s) URL', async () => {
    expect((await failure('ftp://example.com/a.png')).message).toContain('must be a data: or http(s) URL, not ftp:');
    expect((await failure('not a url')).message).toContain('neither a data: URL nor a valid http(s) URL');
  });

  it('sends no adapter credentials, and asks for an image', async () => {
    await fetchImage(`${upstream.url}/cat.png`, options());
    const sent = upstream.requests.at(-1);
    expect(sent?.headers['authorization']).toBeUndefined();
    expect(sent?.headers['accept']).toBe('image/*');
  });

  it('times out a silent host and a stalled body as the image fault (bad_request), not a provider timeout', async () => {
    for (const path of ['/silent', '/slow-body']) {
      const error = await failure(`${upstream.url}${path}`, { timeoutMs: 200 });
      expect([error.kind, error.retryable]).toEqual(['bad_request', false]);
      expect(error.message).toContain('no answer within 200 ms');
    }
  });

  it('reports an unreachable host as the image fault too', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(`http://127.0.0.1:${port}/a.png`);
    expect([error.kind, error.retryable]).toEqual(['bad_request', false]);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('stays `aborted` when the caller aborts mid-download, and closes the socket', async () => {
    const controller = new AbortController();
    const closesBefore = upstream.socketCloses.length;
    const pending = fetchImage(`${upstream.url}/slow-body`, options({ signal: controller.signal, timeoutMs: 5000 })).catch((caught: unknown) => caught);
    await sleep(100);
    const abortedAt = performance.now();
    controller.abort();
    const error = await pending;
    expect(isProviderError(error) && error.kind).toBe('aborted');
    for (let waited = 0; upstream.socketCloses.length === closesBefore && waited < 500; waited += 10) await sleep(10);
    expect(upstream.socketCloses.length).toBeGreaterThan(closesBefore);
    expect((upstream.socketCloses.at(-1) ?? Infinity) - abortedAt).toBeLessThan(100);
  });
});
