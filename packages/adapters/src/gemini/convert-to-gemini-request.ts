import type { ChatRequest, ProviderWarning } from '@refract/core';
import { imageDetailWarnings } from '../shared';
import type { ImageResolver } from './convert-content-parts';
import { convertTools } from './convert-tools';
import { convertToGeminiContents } from './convert-to-gemini-contents';
import type { GeminiGenerationConfig, GeminiRequestBody, GeminiSafetySetting } from './gemini-api-types';
import { isGemini3OrLater } from './gemini-model-family';
import { convertJsonSchemaToGemini } from './convert-json-schema';
import { mapReasoningEffort } from './map-reasoning-effort';

export interface RequestConversionOptions {
  resolveImage: ImageResolver;
  schemaMode: 'openapi' | 'json-schema';
  includeThoughts: boolean;
  safetySettings?: GeminiSafetySetting[] | undefined;
}

export interface RequestConversion {
  body: GeminiRequestBody;
  warnings: ProviderWarning[];
}

/**
 * Request fields translated below (or the transport's: `stream`, `stream_options`). Any other
 * field is warned about, `user` and `metadata` included: they change nothing in the answer, but
 * Gemini has no place for them, and a caller relying on them (abuse attribution, stored-completion
 * tags) must learn that they were not sent.
 */
const HANDLED_FIELDS = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'top_k',
  'n',
  'stop',
  'presence_penalty',
  'frequency_penalty',
  'seed',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'reasoning_effort',
]);

/**
 * Builds the body of `models/{model}:generateContent` from a canonical chat request, with a
 * warning for every parameter Gemini cannot honour.
 *
 * @example
 * const { body, warnings } = await convertToGeminiRequest(request, { resolveImage, schemaMode: 'openapi', includeThoughts: true });
 */
export async function convertToGeminiRequest(request: ChatRequest, options: RequestConversionOptions): Promise<RequestConversion> {
  const warnings: ProviderWarning[] = [];
  const contents = await convertToGeminiContents(request.messages, {
    resolveImage: options.resolveImage,
    requireSignatures: isGemini3OrLater(request.model),
  });
  warnings.push(...contents.warnings, ...imageDetailWarnings(request.messages, 'Gemini'));

  const body: GeminiRequestBody = { contents: contents.contents };
  if (contents.systemInstruction) body.systemInstruction = contents.systemInstruction;

  const tools = convertTools(request, options.schemaMode);
  warnings.push(...tools.warnings);
  if (tools.tools) body.tools = tools.tools;
  if (tools.toolConfig) body.toolConfig = tools.toolConfig;

  const generationConfig = convertGenerationConfig(request, options, warnings);
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  if (options.safetySettings && options.safetySettings.length > 0) body.safetySettings = options.safetySettings;

  for (const field of Object.keys(request)) {
    if (!HANDLED_FIELDS.has(field) && request[field] !== undefined && request[field] !== null) {
      warnings.push({ type: 'unsupported-parameter', parameter: field, message: `${field} is not supported by Gemini and was not sent` });
    }
  }
  return { body, warnings };
}

function convertGenerationConfig(request: ChatRequest, options: RequestConversionOptions, warnings: ProviderWarning[]): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  const stop = request.stop;
  if (typeof stop === 'string') config.stopSequences = [stop];
  else if (Array.isArray(stop) && stop.length > 0) config.stopSequences = stop;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (typeof maxTokens === 'number') config.maxOutputTokens = maxTokens;
  if (typeof request.temperature === 'number') config.temperature = request.temperature;
  if (typeof request.top_p === 'number') config.topP = request.top_p;
  if (typeof request['top_k'] === 'number') config.topK = request['top_k'];
  if (typeof request.seed === 'number') config.seed = request.seed;
  if (typeof request.n === 'number' && request.n > 1) config.candidateCount = request.n;
  if (typeof request.presence_penalty === 'number') config.presencePenalty = request.presence_penalty;
  if (typeof request.frequency_penalty === 'number') config.frequencyPenalty = request.frequency_penalty;

  const format = request.response_format;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    const schema = format.json_schema.schema;
    if (schema && options.schemaMode === 'json-schema') config.responseJsonSchema = schema;
    else if (schema) {
      const converted = convertJsonSchemaToGemini(schema);
      if (converted.schema) config.responseSchema = converted.schema;
      if (converted.dropped.length > 0) {
        warnings.push({
          type: 'parameter-changed',
          parameter: 'response_format.json_schema.schema',
          message: `Gemini's responseSchema does not support: ${converted.dropped.join('; ')}`,
        });
      }
    }
  }

  if (request.reasoning_effort) {
    const thinking = mapReasoningEffort(request.reasoning_effort, request.model, options.includeThoughts);
    warnings.push(...thinking.warnings);
    if (thinking.thinkingConfig) config.thinkingConfig = thinking.thinkingConfig;
  }
  return config;
}
