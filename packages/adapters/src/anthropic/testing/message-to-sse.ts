import type { AnthropicMessage, AnthropicResponseBlock } from '../anthropic-api-types';

/**
 * Streams a non-streaming Anthropic `message` the way the Messages API streams it: message_start
 * (input usage), each block as content_block_start / deltas / stop (text and thinking in small
 * pieces, tool input as input_json_delta fragments, signatures as signature_delta), message_delta
 * (stop reason, output usage), message_stop. Lets tests compare a stream with its JSON twin.
 */
export function messageToSseEvents(message: AnthropicMessage, pieceSize = 7): unknown[] {
  const usage = message.usage ?? {};
  const events: unknown[] = [
    {
      type: 'message_start',
      message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
    },
    { type: 'ping' },
  ];
  (message.content ?? []).forEach((block, index) => events.push(...blockEvents(block, index, pieceSize)));
  events.push(
    {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason ?? null, stop_sequence: message.stop_sequence ?? null, ...(message.stop_details ? { stop_details: message.stop_details } : {}) },
      usage: { output_tokens: usage.output_tokens ?? 0 },
    },
    { type: 'message_stop' },
  );
  return events;
}

export function eventsToSse(events: readonly unknown[]): string {
  return events.map((event) => `event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

function blockEvents(block: AnthropicResponseBlock, index: number, pieceSize: number): unknown[] {
  const delta = (value: Record<string, unknown>): unknown => ({ type: 'content_block_delta', index, delta: value });
  const start = (value: Record<string, unknown>): unknown => ({ type: 'content_block_start', index, content_block: value });
  const stop = { type: 'content_block_stop', index };
  switch (block.type) {
    case 'text': {
      const { citations, ...rest } = block;
      const citationEvents = Array.isArray(citations) ? citations.map((citation: unknown) => delta({ type: 'citations_delta', citation })) : [];
      return [start({ ...rest, text: '' }), ...citationEvents, ...pieces(String(block.text ?? ''), pieceSize).map((text) => delta({ type: 'text_delta', text })), stop];
    }
    case 'thinking':
      return [
        start({ type: 'thinking', thinking: '' }),
        ...pieces(String(block.thinking ?? ''), pieceSize).map((thinking) => delta({ type: 'thinking_delta', thinking })),
        delta({ type: 'signature_delta', signature: block.signature ?? '' }),
        stop,
      ];
    case 'tool_use':
    case 'server_tool_use':
    case 'mcp_tool_use':
      return [
        start({ ...block, input: {} }),
        ...pieces(JSON.stringify(block.input ?? {}), pieceSize).map((partial_json) => delta({ type: 'input_json_delta', partial_json })),
        stop,
      ];
    default:
      return [start(block), stop];
  }
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  const characters = Array.from(text);
  for (let offset = 0; offset < characters.length; offset += size) out.push(characters.slice(offset, offset + size).join(''));
  return out;
}
