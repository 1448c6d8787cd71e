import type { ChatRequest, ProviderWarning } from '@refract/core';
import { imageDetailWarnings } from '../shared';
import type { BedrockConverseRequest } from './bedrock-api-types';
import type { ContentContext } from './bedrock-content';
import { isAnthropicModel, planReasoning } from './bedrock-reasoning';
import { ToolNameMap } from './bedrock-tool-names';
import { convertTools } from './bedrock-tools';
import { convertMessages } from './convert-to-bedrock-messages';

export interface ConvertedRequest {
  body: BedrockConverseRequest;
  warnings: ProviderWarning[];
  /** Maps tool names back when Bedrock had to get rewritten ones. */
  toolNames: ToolNameMap;
}

/** Top-level Converse fields a caller may set on the request; they are passed through as they are. */
const BEDROCK_PASSTHROUGH = ['guardrailConfig', 'additionalModelResponseFieldPaths', 'performanceConfig', 'promptVariables'] as const;

/** Request fields handled here or by the router (no warning). */
const HANDLED = new Set([
  'model', 'messages', 'stream', 'stream_options', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'stop',
  'tools', 'tool_choice', 'parallel_tool_calls', 'response_format', 'reasoning_effort', 'metadata', 'top_k',
  'additionalModelRequestFields', ...BEDROCK_PASSTHROUGH,
]);

/** OpenAI parameters Converse has no equivalent for: a warning when set to anything but their default. */
const UNSUPPORTED: Record<string, (value: unknown) => boolean> = {
  n: (value) => typeof value === 'number' && value > 1,
  presence_penalty: (value) => typeof value === 'number' && value !== 0,
  frequency_penalty: (value) => typeof value === 'number' && value !== 0,
  logit_bias: (value) => value !== null && typeof value === 'object' && Object.keys(value).length > 0,
  logprobs: (value) => value === true,
  top_logprobs: (value) => typeof value === 'number' && value > 0,
  seed: (value) => value !== null && value !== undefined,
  user: (value) => typeof value === 'string' && value !== '',
};

/**
 * A canonical chat request → a Converse / ConverseStream body (the model id goes in the URL).
 * `max_completion_tokens`/`max_tokens`, `temperature`, `top_p` and `stop` → `inferenceConfig`;
 * `response_format` json_schema → `outputConfig.textFormat`; `reasoning_effort` → Anthropic
 * thinking in `additionalModelRequestFields`; `metadata` → `requestMetadata`. Everything else
 * the request sets that Converse cannot express is returned as a warning.
 */
export async function convertToBedrockRequest(request: ChatRequest, content: Omit<ContentContext, 'warnings'>): Promise<ConvertedRequest> {
  const warnings: ProviderWarning[] = [];
  const names = new ToolNameMap();
  for (const tool of request.tools ?? []) names.toBedrock(tool.function.name);
  const converted = await convertMessages(request.messages, { ...content, warnings, names });
  warnings.push(...imageDetailWarnings(request.messages, 'Bedrock'));

  const requestedMaxTokens = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  const reasoning = planReasoning(request, requestedMaxTokens, warnings);
  const body: BedrockConverseRequest = { messages: converted.messages };
  if (converted.system.length > 0) body.system = converted.system;

  const inference: NonNullable<BedrockConverseRequest['inferenceConfig']> = {};
  if (reasoning.maxTokens !== undefined) inference.maxTokens = reasoning.maxTokens;
  if (typeof request.temperature === 'number' && !reasoning.dropTemperature) inference.temperature = request.temperature;
  if (typeof request.top_p === 'number' && !reasoning.dropTopP) inference.topP = request.top_p;
  const stop = typeof request.stop === 'string' ? [request.stop] : (request.stop ?? []);
  if (stop.length > 0) inference.stopSequences = stop;
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference;

  const toolConfig = convertTools({ request, names, historyToolNames: converted.historyToolNames, thinking: reasoning.thinking, warnings });
  if (toolConfig) body.toolConfig = toolConfig;
  for (const [original, bedrock] of names.renamed()) {
    warnings.push({ type: 'parameter-changed', parameter: 'tools', message: `tool name '${original}' is sent to Bedrock as '${bedrock}' and mapped back in the response.` });
  }

  const additional: Record<string, unknown> = { ...reasoning.fields };
  const topK = (request as Record<string, unknown>)['top_k'];
  if (typeof topK === 'number') {
    if (isAnthropicModel(request.model) && !reasoning.thinking) additional['top_k'] = topK;
    else warnings.push({ type: 'unsupported-parameter', parameter: 'top_k', message: 'top_k is sent to Anthropic models without extended thinking only.' });
  }
  const explicit = (request as Record<string, unknown>)['additionalModelRequestFields'];
  if (explicit && typeof explicit === 'object') Object.assign(additional, explicit);
  if (Object.keys(additional).length > 0) body.additionalModelRequestFields = additional;

  applyResponseFormat(request, body, warnings);
  if (request.metadata && Object.keys(request.metadata).length > 0) body.requestMetadata = request.metadata;
  for (const key of BEDROCK_PASSTHROUGH) {
    const value = (request as Record<string, unknown>)[key];
    if (value !== undefined) body[key] = value;
  }
  warnUnsupported(request, warnings);
  return { body, warnings, toolNames: names };
}

function applyResponseFormat(request: ChatRequest, body: BedrockConverseRequest, warnings: ProviderWarning[]): void {
  const format = request.response_format;
  if (format === undefined || format.type === 'text') return;
  if (format.type === 'json_schema' && format.json_schema.schema !== undefined) {
    const jsonSchema: { schema: string; name?: string; description?: string } = { schema: JSON.stringify(format.json_schema.schema) };
    jsonSchema.name = format.json_schema.name;
    if (format.json_schema.description) jsonSchema.description = format.json_schema.description;
    body.outputConfig = { textFormat: { type: 'json_schema', structure: { jsonSchema } } };
    return;
  }
  warnings.push({
    type: 'unsupported-parameter',
    parameter: 'response_format',
    message: `Bedrock structured output needs a JSON schema; response_format '${format.type}' without one was not sent.`,
  });
}

function warnUnsupported(request: ChatRequest, warnings: ProviderWarning[]): void {
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined || HANDLED.has(key)) continue;
    const check = UNSUPPORTED[key];
    if (check) {
      if (check(value)) warnings.push({ type: 'unsupported-parameter', parameter: key, message: `Bedrock Converse has no equivalent of ${key}; it was not sent.` });
      continue;
    }
    if (value === null) continue;
    warnings.push({ type: 'unsupported-parameter', parameter: key, message: `${key} is not a parameter the Bedrock adapter knows; it was not sent.` });
  }
}
