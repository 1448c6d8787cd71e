import { MockAgent } from 'undici';

/**
 * Test-only: one provider origin played by undici's `MockAgent` with real connections refused,
 * recording what the adapter sent in the shape `startFakeUpstream` records (`body` as text,
 * `json` parsed). The adapters' test kits (Anthropic, Gemini, Bedrock) are built on it.
 */
export interface MockedCall {
  /** Path with query string. */
  path: string;
  method: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
  /** `JSON.parse(body)` when the body is JSON, else undefined. */
  json: unknown;
}

export interface MockedReply {
  status?: number;
  body: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface MockedRoute {
  path: string | RegExp | ((path: string) => boolean);
  method?: string | RegExp;
}

export interface MockOrigin {
  agent: MockAgent;
  calls: MockedCall[];
  /** Queues one reply for the next request that matches `route`. */
  reply(route: MockedRoute, reply: MockedReply): void;
  close(): Promise<void>;
}

/** Test-only: a `MockAgent` for `origin` (e.g. `https://api.anthropic.com`) that records every call. */
export function mockOrigin(origin: string): MockOrigin {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const calls: MockedCall[] = [];
  const pool = agent.get(origin);
  return {
    agent,
    calls,
    reply: (route, { status = 200, body, headers = {} }) => {
      pool.intercept({ path: route.path, method: route.method ?? 'POST' }).reply((options) => {
        const text = bodyText(options.body);
        calls.push({ path: options.path, method: options.method, headers: lowerCaseHeaders(options.headers), body: text, json: parseJson(text) });
        return { statusCode: status, data: body, responseOptions: { headers } };
      });
    },
    close: () => agent.close(),
  };
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return '';
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** undici hands interceptors headers as an object, a flat [name, value, …] array or a Headers. */
function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (Array.isArray(headers)) {
    for (let index = 0; index + 1 < headers.length; index += 2) out[String(headers[index]).toLowerCase()] = String(headers[index + 1]);
  } else if (typeof (headers as Headers).forEach === 'function') {
    (headers as Headers).forEach((value, name) => (out[name.toLowerCase()] = value));
  } else {
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) out[name.toLowerCase()] = String(value);
  }
  return out;
}
