import type { AnthropicMessage, AnthropicResponseBlock } from './anthropic-api-types';
import type { WarningCollector } from './anthropic-warnings';

/**
 * Warnings about response content the OpenAI shape has no place for. Server-tool blocks
 * (`server_tool_use`, `web_search_tool_result`, `code_execution_tool_result`, `mcp_tool_use`,
 * `tool_search_tool_result`, `advisor_tool_result` …), `compaction` blocks and block types this
 * adapter does not know are left out of the answer: the text Claude wrote around them is kept,
 * and one warning per block type says what was left out. They never become tool calls, because
 * the caller did not define those tools and must not run them.
 */
export function warnOmittedBlock(type: string, warnings: WarningCollector): void {
  warnings.once(`block:${type}`, {
    type: 'other',
    parameter: 'content',
    message: `Anthropic "${type}" content blocks have no OpenAI equivalent and were left out of the response`,
  });
}

/** A `fallback` block: Anthropic answered with another model than the one requested. */
export function warnFallback(block: AnthropicResponseBlock, warnings: WarningCollector): void {
  const from = modelOf(block['from']);
  const to = modelOf(block['to']);
  warnings.once(`fallback:${from}:${to}`, {
    type: 'other',
    parameter: 'model',
    message: `Anthropic fell back from ${from ?? 'the requested model'} to ${to ?? 'another model'} for this response`,
  });
}

export function warnCitations(warnings: WarningCollector): void {
  warnings.once('citations', {
    type: 'other',
    parameter: 'content',
    message: 'Anthropic citations have no OpenAI equivalent; the cited text is kept, the citation metadata is not',
  });
}

export function warnRedactedThinkingInStream(warnings: WarningCollector): void {
  warnings.once('redacted_thinking', {
    type: 'other',
    parameter: 'reasoning_content',
    message: 'a redacted_thinking block cannot be carried in a stream of OpenAI chunks; use a non-streaming call to receive it in thinking_blocks',
  });
}

/** A refusal: the explanation Anthropic gave, if any, as a content-filtered warning. */
export function warnRefusal(stopDetails: AnthropicMessage['stop_details'], warnings: WarningCollector): void {
  const explanation = stopDetails?.explanation;
  const category = stopDetails?.category;
  warnings.once('refusal', {
    type: 'content-filtered',
    message: `Anthropic refused to answer${category ? ` (${category})` : ''}${explanation ? `: ${explanation}` : ''}`,
  });
}

function modelOf(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const model = (value as Record<string, unknown>)['model'];
    if (typeof model === 'string') return model;
  }
  return undefined;
}
