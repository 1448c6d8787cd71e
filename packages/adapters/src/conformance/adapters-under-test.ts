import type { Dispatcher } from 'undici';
import type { ChatRequest, ProviderAdapter } from '@refract/core';
import { createAnthropicAdapter } from '../anthropic';
import { createAzureOpenAIAdapter } from '../azure';
import { createBedrockAdapter } from '../bedrock';
import { MODEL as BEDROCK_MODEL, testOptions as bedrockTestOptions } from '../bedrock/bedrock-test-kit';
import { createGeminiAdapter } from '../gemini';
import { createOllamaAdapter } from '../ollama';
import { createOpenAIAdapter } from '../openai';

/**
 * Test-only: the six adapters pointed at one fake upstream, each with its provider's error body
 * shape, for the checks every adapter must pass alike (issue 3, "Behaviour every adapter shares").
 */
export interface AdapterUnderTest {
  name: string;
  /** The adapter against `upstreamUrl`, with `timeoutMs` 5 000 unless `options` say otherwise. */
  create(upstreamUrl: string, options?: TransportOptions): ProviderAdapter;
  request: ChatRequest;
  /** The provider's error response for `message`: its JSON body shape and any headers that carry the error type. */
  errorReply(message: string, type: 'overflow' | 'throttle' | 'other'): { body: unknown; headers?: Record<string, string> };
  /** A context-window overflow message this provider really sends (status 400). */
  overflowMessage: string;
  /** A minimal successful non-streaming answer in the provider's wire format. */
  okBody: unknown;
}

const OPENAI_OK = { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] };

/** The transport options every adapter takes. */
export interface TransportOptions {
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

const openAIShape = (code: string | undefined) => (message: string) => ({ body: { error: { message, type: 'invalid_request_error', ...(code ? { code } : {}) } } });

export const ADAPTERS_UNDER_TEST: readonly AdapterUnderTest[] = [
  {
    name: 'openai',
    create: (url, options) => createOpenAIAdapter({ baseURL: `${url}/v1`, apiKey: 'k', timeoutMs: 5000, ...options }),
    request: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
    errorReply: (message, type) => openAIShape(type === 'overflow' ? 'context_length_exceeded' : type === 'throttle' ? 'rate_limit_exceeded' : undefined)(message),
    overflowMessage: "This model's maximum context length is 128000 tokens. However, your messages resulted in 202868 tokens. Please reduce the length of the messages.",
    okBody: OPENAI_OK,
  },
  {
    name: 'azure',
    create: (url, options) => createAzureOpenAIAdapter({ endpoint: url, apiKey: 'k', timeoutMs: 5000, ...options }),
    request: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
    errorReply: (message, type) => openAIShape(type === 'overflow' ? 'context_length_exceeded' : type === 'throttle' ? '429' : undefined)(message),
    overflowMessage: "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens. Please reduce the length of the messages.",
    okBody: OPENAI_OK,
  },
  {
    name: 'anthropic',
    create: (url, options) => createAnthropicAdapter({ baseURL: url, apiKey: 'k', timeoutMs: 5000, ...options }),
    request: { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] },
    errorReply: (message, type) => ({ body: { type: 'error', error: { type: type === 'throttle' ? 'rate_limit_error' : 'invalid_request_error', message } } }),
    overflowMessage: 'prompt is too long: 208310 tokens > 200000 maximum',
    okBody: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } },
  },
  {
    name: 'bedrock',
    create: (url, options) => createBedrockAdapter(bedrockTestOptions({ endpoint: url, timeoutMs: 5000, ...options })),
    request: { model: BEDROCK_MODEL, messages: [{ role: 'user', content: 'hi' }] },
    errorReply: (message, type) => ({
      body: { message },
      ...(type === 'other' ? {} : { headers: { 'x-amzn-errortype': type === 'throttle' ? 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' : 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/' } }),
    }),
    overflowMessage: 'Input is too long for requested model.',
    okBody: { output: { message: { role: 'assistant', content: [{ text: 'ok' }] } }, stopReason: 'end_turn', usage: { inputTokens: 1, outputTokens: 1 } },
  },
  {
    name: 'ollama',
    create: (url, options) => createOllamaAdapter({ host: url, timeoutMs: 5000, ...options }),
    request: { model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] },
    errorReply: (message) => ({ body: { error: message } }),
    overflowMessage: 'prompt too long; exceeded max context length by 540451 tokens',
    okBody: { model: 'llama3.2', created_at: '2025-01-01T00:00:00Z', message: { role: 'assistant', content: 'ok' }, done: true, done_reason: 'stop', prompt_eval_count: 1, eval_count: 1 },
  },
  {
    name: 'gemini',
    create: (url, options) => createGeminiAdapter({ baseURL: `${url}/v1beta`, apiKey: 'k', timeoutMs: 5000, ...options }),
    request: { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] },
    errorReply: (message, type) => ({ body: { error: { code: 400, message, status: type === 'throttle' ? 'RESOURCE_EXHAUSTED' : 'INVALID_ARGUMENT' } } }),
    overflowMessage: 'The input token count (1196265) exceeds the maximum number of tokens allowed (1048575).',
    okBody: { candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] },
  },
];
