import { describe, expect, it } from 'vitest';
import { classifyProviderError, parseContextWindow, type ErrorClassificationInput } from './classify-provider-error';

/**
 * Throttling and context overflow are easy to confuse by message alone: Bedrock's
 * ThrottlingException says "Too many tokens, please wait before trying again." A throttle must be
 * retried after a wait; an overflow must move to a larger model. Each row is a message as the
 * provider sends it (status, code or type, message), in both directions.
 */
interface Row {
  provider: string;
  input: ErrorClassificationInput;
  /** The context window the message names, when it names one. */
  window?: number;
}

const throttles: Row[] = [
  {
    provider: 'OpenAI 429 rate_limit_exceeded',
    input: {
      status: 429,
      code: 'rate_limit_exceeded',
      type: 'tokens',
      message:
        'Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 26542, Requested 5271. Please try again in 3.626s. Visit https://platform.openai.com/account/rate-limits to learn more.',
    },
  },
  {
    provider: 'OpenAI 429 request too large for the TPM limit',
    input: {
      status: 429,
      code: 'rate_limit_exceeded',
      type: 'tokens',
      message:
        'Request too large for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Requested 45000. The input or output tokens must be reduced in order to run successfully.',
    },
  },
  {
    provider: 'Azure OpenAI 429',
    input: {
      status: 429,
      code: '429',
      message:
        'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.',
    },
  },
  {
    provider: 'Anthropic 429 rate_limit_error (input tokens per minute)',
    input: {
      status: 429,
      type: 'rate_limit_error',
      message:
        'This request would exceed the rate limit for your organization (0dccdde6) of 20,000 input tokens per minute. For details, refer to: https://docs.anthropic.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.',
    },
  },
  {
    provider: 'Anthropic 429 through an OpenAI-compatible proxy (type invalid_request_error)',
    input: {
      status: 429,
      code: 'rate_limit_error',
      type: 'invalid_request_error',
      message:
        'Number of request tokens has exceeded your per-minute rate limit (https://docs.anthropic.com/en/api/rate-limits); see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.',
    },
  },
  { provider: 'Bedrock ThrottlingException (tokens)', input: { status: 429, code: 'ThrottlingException', message: 'Too many tokens, please wait before trying again.' } },
  { provider: 'Bedrock ThrottlingException (tokens per day)', input: { status: 429, code: 'ThrottlingException', message: 'Too many tokens per day, please wait before trying again.' } },
  {
    provider: 'Bedrock ThrottlingException (requests)',
    input: { status: 429, code: 'ThrottlingException', message: 'Too many requests, please wait before trying again. You have sent too many requests.  Wait before trying again.' },
  },
  { provider: 'Bedrock throttlingException frame inside a ConverseStream (no status)', input: { code: 'throttlingException', message: 'Too many tokens, please wait before trying again.' } },
  { provider: 'Bedrock throttle relayed in-band by an OpenAI-compatible proxy (message only)', input: { message: 'Too many tokens, please wait before trying again.' } },
  {
    provider: 'Gemini 429 RESOURCE_EXHAUSTED (quota)',
    input: {
      status: 429,
      code: 'RESOURCE_EXHAUSTED',
      message:
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
    },
  },
  {
    provider: 'Gemini 429 RESOURCE_EXHAUSTED (input token count quota)',
    input: {
      status: 429,
      code: 'RESOURCE_EXHAUSTED',
      message:
        'You exceeded your current quota. * Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_input_token_count, limit: 250000, model: gemini-2.0-flash\nPlease retry in 36.9s.',
    },
  },
  { provider: 'Vertex AI 429', input: { status: 429, code: 'RESOURCE_EXHAUSTED', message: 'Resource exhausted. Please try again later.' } },
  { provider: 'OpenRouter / LiteLLM in front of vLLM or sglang, 429', input: { status: 429, message: 'Rate limit exceeded: free-models-per-min.' } },
];

const overflows: Row[] = [
  {
    provider: 'OpenAI context_length_exceeded',
    input: {
      status: 400,
      code: 'context_length_exceeded',
      type: 'invalid_request_error',
      message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 202868 tokens. Please reduce the length of the messages.",
    },
    window: 128_000,
  },
  {
    provider: 'Azure OpenAI context_length_exceeded',
    input: {
      status: 400,
      code: 'context_length_exceeded',
      message: "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens. Please reduce the length of the messages.",
    },
    window: 8192,
  },
  { provider: 'Anthropic prompt is too long', input: { status: 400, type: 'invalid_request_error', message: 'prompt is too long: 208310 tokens > 200000 maximum' }, window: 200_000 },
  {
    // "try again" here is about the request, not about waiting: a 400 is never a throttle.
    provider: 'Anthropic input + max_tokens over the window',
    input: {
      status: 400,
      type: 'invalid_request_error',
      message: 'input length and `max_tokens` exceed context limit: 174167 + 64000 > 200000, decrease input length or `max_tokens` and try again',
    },
  },
  { provider: 'Bedrock ValidationException "Input is too long"', input: { status: 400, code: 'ValidationException', message: 'Input is too long for requested model.' } },
  {
    provider: 'Bedrock ValidationException relaying the model',
    input: { status: 400, code: 'ValidationException', message: 'The model returned the following errors: prompt is too long: 215352 tokens > 200000 maximum' },
    window: 200_000,
  },
  {
    provider: 'Gemini INVALID_ARGUMENT token count',
    input: { status: 400, code: 'INVALID_ARGUMENT', message: 'The input token count (1196265) exceeds the maximum number of tokens allowed (1048575).' },
  },
  { provider: 'Ollama /api/embed', input: { status: 400, message: 'the input length exceeds the context length' } },
  { provider: 'Ollama cloud', input: { status: 400, message: 'prompt too long; exceeded max context length by 540451 tokens' } },
  {
    provider: 'vLLM (OpenAI server)',
    input: {
      status: 400,
      type: 'BadRequestError',
      message:
        "This model's maximum context length is 16384 tokens. However, you requested 19591 tokens (9591 in the messages, 10000 in the completion). Please reduce the length of the messages or completion.",
    },
    window: 16_384,
  },
  { provider: 'vLLM V1 engine', input: { status: 400, message: 'The decoder prompt (length 21535) is longer than the maximum model length of 16384.' }, window: 16_384 },
  {
    provider: 'sglang',
    input: { status: 400, type: 'BadRequestError', message: "The input (61709 tokens) is longer than the model's context length (40960 tokens)." },
    window: 40_960,
  },
];

describe('classifyProviderError: throttling is never taken for a context overflow', () => {
  it.each(throttles)('$provider → rate_limit', ({ input }) => {
    expect(classifyProviderError(input)).toBe('rate_limit');
  });

  it.each(overflows)('$provider → context_overflow', ({ input, window }) => {
    expect(classifyProviderError(input)).toBe('context_overflow');
    expect(parseContextWindow(input.message)).toBe(window);
  });

  it('lets a 429 whose message is an overflow, with no throttling wording, stay an overflow', () => {
    expect(classifyProviderError({ status: 429, message: "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens." })).toBe(
      'context_overflow',
    );
  });

  it('keeps non-throttling failures with retry wording where their status puts them', () => {
    expect(classifyProviderError({ status: 503, message: 'server busy, please try again.  maximum pending requests exceeded' })).toBe('server');
    expect(classifyProviderError({ status: 529, type: 'overloaded_error', message: 'Overloaded' })).toBe('overloaded');
    expect(classifyProviderError({ type: 'server_error', message: 'The server had an error processing your request. Sorry about that! You can retry your request.' })).toBe('server');
  });
});
