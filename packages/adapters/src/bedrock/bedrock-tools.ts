import type { ChatRequest, ProviderWarning } from '@refract/core';
import type { BedrockConverseRequest, BedrockToolChoice, BedrockToolSpec } from './bedrock-api-types';
import type { ToolNameMap } from './bedrock-tool-names';

type ToolConfig = NonNullable<BedrockConverseRequest['toolConfig']>;

export interface ToolConversionInput {
  request: ChatRequest;
  names: ToolNameMap;
  /** Tool names used by toolUse blocks in the history (Bedrock then requires a toolConfig). */
  historyToolNames: ReadonlySet<string>;
  /** Extended thinking is on: Anthropic models then accept only an automatic tool choice. */
  thinking: boolean;
  warnings: ProviderWarning[];
}

/**
 * OpenAI `tools` / `tool_choice` → Bedrock `toolConfig`: each function becomes a `toolSpec` with its
 * JSON schema under `inputSchema.json` (and `strict` kept); `auto` → `{auto}`, `required` → `{any}`,
 * a named function → `{tool:{name}}`. Bedrock has no `none`: the tools are left out (with a
 * warning), unless the history holds tool calls, in which case Bedrock requires the tools.
 */
export function convertTools(input: ToolConversionInput): ToolConfig | undefined {
  const { request, names, historyToolNames, warnings } = input;
  const declared = request.tools ?? [];
  const choice = request.tool_choice;
  const needed = historyToolNames.size > 0;

  if (request.parallel_tool_calls === false) {
    warnings.push({
      type: 'unsupported-parameter',
      parameter: 'parallel_tool_calls',
      message: 'Bedrock Converse cannot forbid parallel tool calls; the model may return several.',
    });
  }

  if (declared.length === 0) {
    if (!needed) return undefined;
    warnings.push({
      type: 'parameter-changed',
      parameter: 'tools',
      message: `the history holds tool calls but no tools were sent; Bedrock requires tool definitions, so open-schema placeholders were sent for: ${[...historyToolNames].join(', ')}`,
    });
    return { tools: [...historyToolNames].map((name) => placeholder(names.toBedrock(name))) };
  }

  const tools: BedrockToolSpec[] = declared.map((tool) => {
    const spec: BedrockToolSpec['toolSpec'] = {
      name: names.toBedrock(tool.function.name),
      inputSchema: { json: tool.function.parameters ?? { type: 'object', properties: {} } },
    };
    if (tool.function.description) spec.description = tool.function.description;
    if (tool.function.strict === true) spec.strict = true;
    return { toolSpec: spec };
  });
  const undeclared = [...historyToolNames].filter((name) => !declared.some((tool) => tool.function.name === name));
  if (undeclared.length > 0) {
    tools.push(...undeclared.map((name) => placeholder(names.toBedrock(name))));
    warnings.push({
      type: 'parameter-changed',
      parameter: 'tools',
      message: `the history calls tools that were not sent; Bedrock requires their definitions, so open-schema placeholders were added for: ${undeclared.join(', ')}`,
    });
  }

  if (choice === 'none') {
    if (!needed) {
      warnings.push({
        type: 'parameter-changed',
        parameter: 'tool_choice',
        message: "Bedrock has no tool_choice 'none'; the tools were not sent so the model cannot call them.",
      });
      return undefined;
    }
    warnings.push({
      type: 'unsupported-parameter',
      parameter: 'tool_choice',
      message: "Bedrock has no tool_choice 'none' and requires the tools when the history holds tool calls; the model may still call one.",
    });
    return { tools };
  }

  let toolChoice: BedrockToolChoice | undefined;
  if (choice === 'auto') toolChoice = { auto: {} };
  else if (choice === 'required') toolChoice = { any: {} };
  else if (choice !== undefined) toolChoice = { tool: { name: names.toBedrock(choice.function.name) } };

  if (input.thinking && toolChoice !== undefined && !('auto' in toolChoice)) {
    warnings.push({
      type: 'parameter-changed',
      parameter: 'tool_choice',
      message: 'extended thinking only allows an automatic tool choice; tool_choice was changed to auto.',
    });
    toolChoice = { auto: {} };
  }
  return toolChoice === undefined ? { tools } : { tools, toolChoice };
}

function placeholder(name: string): BedrockToolSpec {
  return { toolSpec: { name, description: 'A tool used earlier in this conversation.', inputSchema: { json: { type: 'object' } } } };
}
