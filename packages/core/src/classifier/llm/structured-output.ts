import type { ProviderAdapter } from '../../providers/provider-adapter';
import type { ChatRequest } from '../../spec/chat-request';
import type { ChatCompletion } from '../../spec/chat-response';
import { verdictJsonSchema } from './verdict';

/**
 * How the classifier asks for structured output:
 * - `json_schema`: `response_format: {type: 'json_schema', strict: true}` (OpenAI, Azure, Gemini, Ollama);
 * - `tool`: a forced call of a `classify_request` tool (Anthropic, Bedrock: no JSON-schema mode);
 * - `prompt`: JSON requested in the prompt only, extracted tolerantly from the text.
 * Whatever the mode, the answer is parsed tolerantly and validated with zod.
 */
export type StructuredOutputMode = 'json_schema' | 'tool' | 'prompt';

const BY_ADAPTER_TYPE: Readonly<Record<string, StructuredOutputMode>> = {
  openai: 'json_schema',
  azure: 'json_schema',
  gemini: 'json_schema',
  ollama: 'json_schema',
  anthropic: 'tool',
  bedrock: 'tool',
};

export const VERDICT_TOOL = 'classify_request';

/** The default mode for an adapter kind; `prompt` for kinds Refract does not know. */
export function defaultStructuredOutput(adapter: ProviderAdapter): StructuredOutputMode {
  return BY_ADAPTER_TYPE[adapter.type] ?? 'prompt';
}

/** The request fields that ask for structured output in `mode`. */
export function structuredOutputFields(mode: StructuredOutputMode, withModels: boolean): Pick<ChatRequest, 'response_format' | 'tools' | 'tool_choice'> {
  if (mode === 'json_schema') {
    return { response_format: { type: 'json_schema', json_schema: { name: 'route_classification', strict: true, schema: verdictJsonSchema(withModels) } } };
  }
  if (mode === 'tool') {
    return {
      tools: [{ type: 'function', function: { name: VERDICT_TOOL, description: 'Record how this request should be routed.', parameters: verdictJsonSchema(withModels) } }],
      tool_choice: { type: 'function', function: { name: VERDICT_TOOL } },
    };
  }
  return {};
}

/** The answer text: the verdict tool's arguments when the model called it, else the message content. */
export function answerText(response: ChatCompletion): string {
  const message = response.choices[0]?.message;
  if (!message) return '';
  const call = message.tool_calls?.find((entry) => entry.function.name === VERDICT_TOOL) ?? message.tool_calls?.[0];
  if (call && call.function.arguments.trim() !== '') return call.function.arguments;
  return message.content ?? '';
}
