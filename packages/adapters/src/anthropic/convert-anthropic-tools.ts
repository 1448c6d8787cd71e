import type { ChatRequest, FunctionTool } from '@refract/core';
import type { AnthropicOutputConfig, AnthropicTool, AnthropicToolChoice } from './anthropic-api-types';
import type { AnthropicModelProfile } from './anthropic-model-profile';
import type { WarningCollector } from './anthropic-warnings';
import { cacheControlOf } from './convert-anthropic-content';

export interface AnthropicToolTranslation {
  tools?: AnthropicTool[];
  toolChoice?: AnthropicToolChoice;
  /** `output_config.format`, for models with native JSON-schema output. */
  outputFormat?: NonNullable<AnthropicOutputConfig['format']>;
  /** The synthetic tool that carries JSON-schema output on older models; its input is the answer. */
  jsonToolName?: string;
  /** The tool choice makes the model call a tool (Anthropic then refuses thinking). */
  forcesTool: boolean;
}

/**
 * Tools, `tool_choice`, `parallel_tool_calls` and `response_format`:
 * - tools → `{name, description, input_schema}` (`strict` and `cache_control` kept where allowed);
 * - `auto` → auto, `required` → any, `none` → none, a named function → tool;
 *   `parallel_tool_calls: false` → `disable_parallel_tool_use`;
 * - `json_schema` → `output_config.format` on models that support it, else a forced tool whose
 *   input is returned as the JSON text of the answer; `json_object` → a warning (no JSON mode).
 */
export function convertAnthropicTools(request: ChatRequest, profile: AnthropicModelProfile, warnings: WarningCollector): AnthropicToolTranslation {
  const tools = (request.tools ?? []).map((tool, index) => convertTool(tool, index, profile, warnings));
  let toolChoice = convertToolChoice(request, tools.length > 0, warnings);
  const out: AnthropicToolTranslation = { forcesTool: false };

  const format = request.response_format;
  if (format?.type === 'json_object') {
    warnings.unsupported('response_format', 'Anthropic has no JSON mode; the answer is not guaranteed to be JSON (use a json_schema response_format)');
  } else if (format?.type === 'json_schema') {
    const schema = format.json_schema.schema ?? { type: 'object' };
    if (profile.structuredOutputs) {
      out.outputFormat = { type: 'json_schema', schema };
    } else {
      const name = uniqueName(format.json_schema.name, tools);
      tools.push({
        name,
        description: format.json_schema.description ?? 'Give the answer as the input of this tool: a JSON value matching its schema.',
        input_schema: schema,
      });
      out.jsonToolName = name;
      toolChoice = jsonToolChoice(request, toolChoice, name, tools.length > 1, warnings);
    }
  }

  if (request.parallel_tool_calls === false && tools.length > 0) {
    toolChoice ??= { type: 'auto' };
    if (toolChoice.type !== 'none') toolChoice = { ...toolChoice, disable_parallel_tool_use: true };
  }
  if (tools.length > 0) out.tools = tools;
  if (toolChoice) {
    out.toolChoice = toolChoice;
    out.forcesTool = toolChoice.type === 'any' || toolChoice.type === 'tool';
  }
  return out;
}

function convertTool(tool: FunctionTool, index: number, profile: AnthropicModelProfile, warnings: WarningCollector): AnthropicTool {
  const definition = tool.function;
  const converted: AnthropicTool = { name: definition.name, input_schema: definition.parameters ?? { type: 'object', properties: {} } };
  if (definition.description !== undefined) converted.description = definition.description;
  if (definition.strict === true) {
    if (profile.structuredOutputs) converted.strict = true;
    else warnings.unsupported('tools.function.strict', 'this Claude model has no strict tool use; tool inputs are not schema-validated');
  }
  const cacheControl = cacheControlOf((tool as Record<string, unknown>)['cache_control']) ?? cacheControlOf((definition as Record<string, unknown>)['cache_control']);
  if (cacheControl) converted.cache_control = cacheControl;
  if (definition.parameters?.['type'] !== undefined && definition.parameters['type'] !== 'object') {
    warnings.add({
      type: 'other',
      parameter: `tools.${index}.function.parameters`,
      message: 'Anthropic tool input schemas must describe an object; the schema was sent as is and may be rejected',
    });
  }
  return converted;
}

function convertToolChoice(request: ChatRequest, hasTools: boolean, warnings: WarningCollector): AnthropicToolChoice | undefined {
  const choice = request.tool_choice;
  if (choice === undefined) return undefined;
  if (!hasTools) {
    if (choice === 'required' || typeof choice === 'object') {
      warnings.unsupported('tool_choice', 'tool_choice asks for a tool call but the request has no tools; not sent');
    }
    return undefined;
  }
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  if (choice === 'none') return { type: 'none' };
  return { type: 'tool', name: choice.function.name };
}

/** How to make the model call the JSON tool without overriding an explicit choice of the caller. */
function jsonToolChoice(
  request: ChatRequest,
  userChoice: AnthropicToolChoice | undefined,
  jsonTool: string,
  hasUserTools: boolean,
  warnings: WarningCollector,
): AnthropicToolChoice {
  if (!hasUserTools || userChoice?.type === 'none') return { type: 'tool', name: jsonTool };
  if (userChoice?.type === 'tool') {
    warnings.changed('response_format', 'tool_choice names a function, so the JSON-schema answer tool is offered but not forced');
    return userChoice;
  }
  if (request.tool_choice !== 'required') {
    warnings.changed('tool_choice', 'tool_choice became "any" so that the model either calls a tool or answers through the JSON-schema tool');
  }
  return { type: 'any' };
}

function uniqueName(name: string, tools: readonly AnthropicTool[]): string {
  let candidate = name;
  for (let suffix = 2; tools.some((tool) => tool.name === candidate); suffix += 1) candidate = `${name}_${suffix}`;
  return candidate;
}
