import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../spec/chat-request';
import { heuristicTokenizer } from '../tokenizer/tokenizer';
import { countChatTokens } from '../tokenizer/count-chat-tokens';
import { clampMaxTokens } from './clamp-max-tokens';
import { TRUNCATION_NOTE_PREFIX, truncateMessages } from './truncate-messages';

const filler = (n: number): string => 'lorem ipsum dolor sit amet '.repeat(n);

describe('truncateMessages', () => {
  const messages: ChatMessage[] = [
    { role: 'system', content: 'You are helpful.' },
    { role: 'user', content: filler(200) },
    { role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } }, { id: 'b', type: 'function', function: { name: 'g', arguments: '{}' } }] },
    { role: 'tool', tool_call_id: 'a', content: filler(200) },
    { role: 'tool', tool_call_id: 'b', content: filler(10) },
    { role: 'assistant', content: filler(50) },
    { role: 'user', content: 'And now?' },
  ];

  it('leaves messages alone when they fit', () => {
    expect(truncateMessages(messages, 1_000_000, heuristicTokenizer)?.dropped).toBe(0);
  });

  it('drops the oldest turns, never splitting a tool call from its results, and adds a plain system note', () => {
    const budget = countChatTokens({ messages: messages.slice(5) }, heuristicTokenizer) + 120;
    const result = truncateMessages(messages, budget, heuristicTokenizer);
    expect(result).toBeDefined();
    const kept = result!.messages;
    expect(kept[0]).toEqual(messages[0]);
    expect(kept[1]).toMatchObject({ role: 'system' });
    expect(String(kept[1]!.content)).toContain(TRUNCATION_NOTE_PREFIX);
    expect(Object.keys(kept[1]!)).toEqual(['role', 'content']);
    const callIds = kept.flatMap((message) => (message.role === 'assistant' ? (message.tool_calls ?? []).map((call) => call.id) : []));
    const resultIds = kept.flatMap((message) => (message.role === 'tool' ? [message.tool_call_id] : []));
    expect(resultIds.every((id) => callIds.includes(id))).toBe(true);
    expect(callIds.every((id) => resultIds.includes(id))).toBe(true);
    expect(kept.at(-1)).toEqual(messages.at(-1));
    expect(result!.tokens).toBeLessThanOrEqual(budget);
  });

  it('replaces an earlier truncation note instead of stacking notes', () => {
    const once = truncateMessages(messages, countChatTokens({ messages: messages.slice(3) }, heuristicTokenizer), heuristicTokenizer)!;
    const twice = truncateMessages([...once.messages, { role: 'user', content: filler(300) }], 2000, heuristicTokenizer);
    expect(twice?.messages.filter((message) => String(message.content).startsWith(TRUNCATION_NOTE_PREFIX))).toHaveLength(1);
  });

  it('gives up when even the last turn does not fit', () => {
    expect(truncateMessages(messages, 20, heuristicTokenizer)).toBeUndefined();
  });
});

describe('clampMaxTokens', () => {
  const request = { model: 'm', messages: [{ role: 'user' as const, content: 'x' }] };

  it('clamps to the output limit and to the window headroom, never below 1', () => {
    expect(clampMaxTokens({ ...request, max_tokens: 50_000 }, { maxOutputTokens: 8192, contextWindow: 128_000, inputTokens: 1000 }).clamped).toMatchObject({ from: 50_000, to: 8192 });
    expect(clampMaxTokens({ ...request, max_completion_tokens: 8000 }, { maxOutputTokens: 16_000, contextWindow: 10_000, inputTokens: 6000 }).request.max_completion_tokens).toBe(4000);
    expect(clampMaxTokens({ ...request, max_tokens: 100 }, { maxOutputTokens: 8192, contextWindow: 128_000, inputTokens: 10 }).clamped).toBeUndefined();
    expect(clampMaxTokens({ ...request, max_tokens: 100 }, { maxOutputTokens: undefined, contextWindow: 1000, inputTokens: 1000 }).request.max_tokens).toBe(100);
  });

  it('leaves a request without max tokens alone', () => {
    expect(clampMaxTokens(request, { maxOutputTokens: 10, contextWindow: 100, inputTokens: 50 }).request).toEqual(request);
  });
});
