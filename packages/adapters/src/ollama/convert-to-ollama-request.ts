import type { ChatRequest, ProviderWarning } from '@refract/core';
import { imageDetailWarnings, isRecord } from '../shared';
import { toOllamaMessages, type MessageContext } from './convert-to-ollama-messages';

/** Request fields translated below (or owned by the adapter). */
const TRANSLATED: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'temperature',
  'top_p',
  'top_k',
  'min_p',
  'seed',
  'stop',
  'presence_penalty',
  'frequency_penalty',
  'max_tokens',
  'max_completion_tokens',
  'n',
  'response_format',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'reasoning_effort',
]);

/** Ollama's own `/api/chat` fields, passed through unchanged when a caller sends them. */
const NATIVE: ReadonlySet<string> = new Set(['keep_alive', 'think', 'options', 'format', 'truncate', 'shift']);

/** Options that map one-to-one onto Ollama `options`. */
const SAMPLING: readonly string[] = ['temperature', 'top_p', 'top_k', 'min_p', 'seed', 'presence_penalty', 'frequency_penalty'];

export interface OllamaRequestBody {
  body: Record<string, unknown>;
  warnings: ProviderWarning[];
}

/**
 * Canonical request → Ollama `/api/chat` body. Sampling parameters go into `options`
 * (`max_completion_tokens`/`max_tokens` → `num_predict`, `stop` → `options.stop`),
 * `response_format` → `format` (`"json"` or the JSON schema), `reasoning_effort` → `think`, tools
 * pass as they are. Ollama's own fields (`keep_alive`, `think`, `options`, `format`, `truncate`)
 * pass through, a caller's `options` overriding the translated ones. Every other parameter is
 * not sent and produces an `unsupported-parameter` warning.
 */
export async function toOllamaChatBody(request: ChatRequest, context: { stream: boolean; loadImage: MessageContext['loadImage'] }): Promise<OllamaRequestBody> {
  const warnings: ProviderWarning[] = [];
  const unsupported = (parameter: string, why: string): void => {
    warnings.push({ type: 'unsupported-parameter', parameter, message: `${parameter}: ${why}` });
  };
  const options: Record<string, unknown> = {};
  for (const key of SAMPLING) if (request[key] !== undefined && request[key] !== null) options[key] = request[key];
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) options['num_predict'] = maxTokens;
  if (request.stop !== undefined && request.stop !== null) options['stop'] = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (typeof request.n === 'number' && request.n > 1) unsupported('n', 'Ollama returns one choice; only one was generated');

  const body: Record<string, unknown> = {
    model: request.model,
    messages: await toOllamaMessages(request.messages, { loadImage: context.loadImage, warnings }),
    stream: context.stream,
  };
  warnings.push(...imageDetailWarnings(request.messages, 'Ollama'));
  const format = formatOf(request.response_format);
  if (format !== undefined) body['format'] = format;
  const think = thinkOf(request.reasoning_effort, warnings);
  if (think !== undefined) body['think'] = think;
  addTools(request, body, unsupported, warnings);

  for (const [key, value] of Object.entries(request)) {
    if (TRANSLATED.has(key) || value === undefined) continue;
    if (!NATIVE.has(key)) {
      unsupported(key, 'not an Ollama /api/chat parameter; it was not sent');
    } else if (key === 'options' && isRecord(value)) {
      Object.assign(options, value);
    } else {
      body[key] = value;
    }
  }
  if (Object.keys(options).length > 0) body['options'] = options;
  return { body, warnings };
}

function formatOf(responseFormat: ChatRequest['response_format']): unknown {
  if (responseFormat?.type === 'json_object') return 'json';
  if (responseFormat?.type === 'json_schema') return responseFormat.json_schema.schema ?? 'json';
  return undefined;
}

/** `reasoning_effort` → Ollama `think` levels; `minimal` has no level and becomes `low`. */
function thinkOf(effort: ChatRequest['reasoning_effort'], warnings: ProviderWarning[]): string | undefined {
  if (effort === undefined || effort === null) return undefined;
  if (effort === 'minimal') {
    warnings.push({ type: 'parameter-changed', parameter: 'reasoning_effort', message: 'reasoning_effort: Ollama has no "minimal" thinking level; "low" was sent' });
    return 'low';
  }
  return effort;
}

function addTools(request: ChatRequest, body: Record<string, unknown>, unsupported: (parameter: string, why: string) => void, warnings: ProviderWarning[]): void {
  const choice = request.tool_choice;
  if (!request.tools || request.tools.length === 0) return;
  if (choice === 'none') {
    // Honoured by not offering the tools, which the model then does not see at all: said, as Bedrock's adapter does.
    warnings.push({ type: 'parameter-changed', parameter: 'tool_choice', message: "tool_choice: Ollama has no tool_choice 'none'; the tools were not sent so the model cannot call them" });
    return;
  }
  body['tools'] = request.tools.map((tool) => {
    const { strict: _strict, ...fn } = tool.function;
    return { ...tool, function: fn };
  });
  if (request.tools.some((tool) => tool.function.strict === true)) unsupported('tools.function.strict', 'Ollama does not enforce tool schemas strictly');
  if (choice === 'required' || (typeof choice === 'object' && choice !== null)) unsupported('tool_choice', 'Ollama cannot force a tool call; the model decides');
  if (request.parallel_tool_calls === false) unsupported('parallel_tool_calls', 'Ollama cannot limit a response to one tool call');
}
