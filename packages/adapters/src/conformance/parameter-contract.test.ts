import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRefractError, type ChatRequest, type ProviderAdapter } from '@refract/core';
import { sendJson, startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { ADAPTERS_UNDER_TEST } from './adapters-under-test';

/**
 * Issue 3: "Request parameters a provider does not support produce a warning returned with the
 * response, not a silent change." For every adapter and every parameter below, the request is
 * either translated (the upstream body differs from the one without the parameter), or answered
 * with a warning naming the parameter, or refused with an error naming it. Never silently dropped.
 */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const TOOLS = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }];

/**
 * Each case: the request fields it sets, the names a warning or error may give it, and the fields
 * of the request it is compared with (default: none), so that a translated `tools` does not hide a
 * dropped `tool_choice`, nor an image a dropped `detail`.
 */
const WITH_TOOLS = { tools: TOOLS };
const WITH_IMAGE = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image_url', image_url: { url: PNG } }] }] };
const CASES: readonly { name: string; fields: Record<string, unknown>; names: readonly string[]; base?: Record<string, unknown> }[] = [
  { name: 'temperature', fields: { temperature: 0.3 }, names: ['temperature'] },
  { name: 'top_p', fields: { top_p: 0.9 }, names: ['top_p'] },
  { name: 'max_tokens', fields: { max_tokens: 50 }, names: ['max_tokens'] },
  { name: 'max_completion_tokens', fields: { max_completion_tokens: 50 }, names: ['max_completion_tokens'] },
  { name: 'stop', fields: { stop: ['END'] }, names: ['stop'] },
  { name: 'n', fields: { n: 2 }, names: ['n'] },
  { name: 'seed', fields: { seed: 7 }, names: ['seed'] },
  { name: 'presence_penalty', fields: { presence_penalty: 0.5 }, names: ['presence_penalty'] },
  { name: 'frequency_penalty', fields: { frequency_penalty: 0.5 }, names: ['frequency_penalty'] },
  { name: 'logit_bias', fields: { logit_bias: { '50256': -100 } }, names: ['logit_bias'] },
  { name: 'logprobs', fields: { logprobs: true, top_logprobs: 2 }, names: ['logprobs', 'top_logprobs'] },
  { name: 'response_format json_object', fields: { response_format: { type: 'json_object' } }, names: ['response_format'] },
  {
    name: 'response_format json_schema',
    fields: { response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object', properties: { x: { type: 'string' } } } } } },
    names: ['response_format'],
  },
  { name: 'tools', fields: { tools: TOOLS }, names: ['tools'] },
  { name: "tool_choice 'required'", fields: { tools: TOOLS, tool_choice: 'required' }, names: ['tool_choice'], base: WITH_TOOLS },
  { name: "tool_choice 'none'", fields: { tools: TOOLS, tool_choice: 'none' }, names: ['tool_choice'], base: WITH_TOOLS },
  { name: 'tool_choice named', fields: { tools: TOOLS, tool_choice: { type: 'function', function: { name: 'lookup' } } }, names: ['tool_choice'], base: WITH_TOOLS },
  { name: 'parallel_tool_calls', fields: { tools: TOOLS, parallel_tool_calls: false }, names: ['parallel_tool_calls'], base: WITH_TOOLS },
  { name: 'reasoning_effort', fields: { reasoning_effort: 'high' }, names: ['reasoning_effort'] },
  { name: 'user', fields: { user: 'u-1' }, names: ['user'] },
  { name: 'metadata', fields: { metadata: { team: 'a' } }, names: ['metadata'] },
  { name: 'service_tier', fields: { service_tier: 'flex' }, names: ['service_tier'] },
  { name: 'modalities + audio', fields: { modalities: ['text', 'audio'], audio: { voice: 'alloy', format: 'wav' } }, names: ['modalities', 'audio'] },
  { name: 'prediction', fields: { prediction: { type: 'content', content: 'x' } }, names: ['prediction'] },
  { name: 'store', fields: { store: true }, names: ['store'] },
  { name: 'top_k (vendor extension)', fields: { top_k: 5 }, names: ['top_k'] },
  { name: 'image (data URL)', fields: { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image_url', image_url: { url: PNG } }] }] }, names: ['messages.0.content.1'] },
  {
    name: 'image detail',
    fields: { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image_url', image_url: { url: PNG, detail: 'low' } }] }] },
    names: ['messages.0.content.1.image_url.detail'],
    base: WITH_IMAGE,
  },
  { name: 'audio input', fields: { messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } }] }] }, names: ['messages.0.content.0'] },
  {
    name: 'PDF file part',
    fields: { messages: [{ role: 'user', content: [{ type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' } }] }] },
    names: ['messages.0.content.0'],
  },
];

let upstream: FakeUpstream;
let okBody: unknown = {};
let lastBody = '';
beforeAll(async () => {
  upstream = await startFakeUpstream((request, response) => {
    lastBody = request.body;
    sendJson(response, 200, okBody);
  });
});
afterAll(async () => {
  await upstream.close();
});

describe.each(ADAPTERS_UNDER_TEST)('$name: every request parameter is translated, warned about or refused', (target) => {
  let adapter: ProviderAdapter;
  beforeAll(() => {
    adapter = target.create(upstream.url);
  });

  async function sentBody(request: ChatRequest): Promise<string> {
    okBody = target.okBody;
    lastBody = '';
    await adapter.chat(request);
    return lastBody;
  }

  it.each(CASES)('$name', async ({ fields, names, base = {} }) => {
    const baseline = await sentBody({ ...target.request, ...base } as ChatRequest);
    okBody = target.okBody;
    lastBody = '';
    const outcome = await adapter.chat({ ...target.request, ...fields } as ChatRequest).then(
      ({ warnings }) => ({ warnings, error: undefined }),
      (error: unknown) => ({ warnings: [], error }),
    );
    const named = (text: string | undefined): boolean => text !== undefined && names.some((name) => text.includes(name));
    if (outcome.error !== undefined) {
      expect(isRefractError(outcome.error)).toBe(true);
      expect(named((outcome.error as Error).message)).toBe(true);
      return;
    }
    const translated = lastBody !== '' && lastBody !== baseline;
    const warned = outcome.warnings.some((warning) => named(warning.parameter));
    expect({ translated, warned }).not.toEqual({ translated: false, warned: false });
  });
});
