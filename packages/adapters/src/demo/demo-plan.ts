import type { ChatRequest, FinishReason, FunctionTool, ProviderWarning, Usage } from '@refract/core';
import { DEMO_ANSWER_PREFIX, type DemoAdapterOptions } from './demo-options';
import { contentText, excerpt, lastMessage, lastUserText, promptTokens, roughTokens } from './demo-text';
import { sampleFromSchema } from './sample-from-schema';

/** What the demo answers: text, or one call of a tool the client defined. */
export type DemoOutput = { kind: 'text'; text: string } | { kind: 'tool-call'; id: string; name: string; arguments: string };

export interface DemoPlan {
  output: DemoOutput;
  finishReason: FinishReason;
  usage: Usage;
  warnings: ProviderWarning[];
}

/**
 * Decides, deterministically, what the demo provider answers to a request. JSON and streams are
 * built from the same plan, so they always agree:
 * - tools defined, `tool_choice` not `none`, and the conversation does not end with a tool result:
 *   a call of the forced tool, else of the first tool, with arguments built from its schema;
 * - the conversation ends with a tool result: a text that quotes it;
 * - `response_format` `json_schema` / `json_object`: JSON (from the schema, or a small object);
 * - otherwise a text that says it is a demo, names the routed model and quotes the prompt.
 * Text is cut at `max_completion_tokens` / `max_tokens` (finish reason `length`).
 */
export function planDemoAnswer(request: ChatRequest, options: DemoAdapterOptions, toolCallId: string): DemoPlan {
  const warnings: ProviderWarning[] = [];
  if ((request.n ?? 1) > 1) warnings.push({ type: 'unsupported-parameter', parameter: 'n', message: 'the demo provider answers with one choice' });
  const prompt = lastUserText(request);
  const tool = toolToCall(request);
  let output: DemoOutput;
  if (tool) {
    output = { kind: 'tool-call', id: toolCallId, name: tool.function.name, arguments: JSON.stringify(sampleFromSchema(tool.function.parameters ?? { type: 'object' }, excerpt(prompt, 60) || 'demo')) };
  } else {
    output = { kind: 'text', text: answerText(request, options, prompt) };
  }
  let finishReason: FinishReason = output.kind === 'tool-call' ? 'tool_calls' : 'stop';
  const limit = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  if (output.kind === 'text' && !isJsonFormat(request) && limit !== undefined && roughTokens(output.text) > limit) {
    output = { kind: 'text', text: output.text.slice(0, limit * 4) };
    finishReason = 'length';
  }
  const produced = output.kind === 'text' ? output.text : output.name + output.arguments;
  return { output, finishReason, usage: { inputTokens: promptTokens(request), outputTokens: roughTokens(produced) }, warnings };
}

function toolToCall(request: ChatRequest): FunctionTool | undefined {
  const tools = request.tools ?? [];
  const choice = request.tool_choice;
  if (tools.length === 0 || choice === 'none') return undefined;
  const last = lastMessage(request);
  if (last?.role === 'tool' || last?.role === 'function') return undefined;
  if (typeof choice === 'object') return tools.find((tool) => tool.function.name === choice.function.name) ?? tools[0];
  return tools[0];
}

function isJsonFormat(request: ChatRequest): boolean {
  const type = request.response_format?.type;
  return type === 'json_object' || type === 'json_schema';
}

function answerText(request: ChatRequest, options: DemoAdapterOptions, prompt: string): string {
  const format = request.response_format;
  if (format?.type === 'json_schema') return JSON.stringify(sampleFromSchema(format.json_schema.schema ?? { type: 'object' }, excerpt(prompt, 60) || 'demo'));
  if (format?.type === 'json_object') return JSON.stringify({ demo: true, model: request.model, prompt: excerpt(prompt, 200) });
  const last = lastMessage(request);
  if (last?.role === 'tool' || last?.role === 'function') {
    const name = last.role === 'function' ? last.name : toolNameOf(request, last.tool_call_id);
    return withHint(
      `${DEMO_ANSWER_PREFIX} The tool ${name} returned: "${excerpt(contentText(last.content), 200)}". A real model would now answer with that result; this demo provider only echoes it.`,
      options,
    );
  }
  const description = options.describeModel?.(request.model);
  const words = prompt.trim() === '' ? 0 : prompt.trim().split(/\s+/).length;
  return withHint(
    [
      `${DEMO_ANSWER_PREFIX} This answer comes from Refract's built-in demo provider: no language model was called.`,
      `Refract routed your request to ${request.model}${description ? ` (${description})` : ''}. The whole decision (category, tier, confidence, reason) is in the auto_routing field of this response, the cost in cost_info, and both in the x-refract-* headers.`,
      `Your message (${words} word${words === 1 ? '' : 's'}): "${excerpt(prompt, 200)}"`,
    ].join('\n'),
    options,
  );
}

function withHint(text: string, options: DemoAdapterOptions): string {
  return options.hint ? `${text}\n${options.hint}` : text;
}

function toolNameOf(request: ChatRequest, toolCallId: string): string {
  for (const message of request.messages) {
    if (message.role !== 'assistant') continue;
    const call = message.tool_calls?.find((candidate) => candidate.id === toolCallId);
    if (call) return call.function.name;
  }
  return 'tool';
}
