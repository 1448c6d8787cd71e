import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '@refract/test-support';
import { countChatTokens } from './count-chat-tokens';
import { createTiktokenTokenizer } from './tiktoken';
import { heuristicTokenizer } from './tokenizer';

const prompts = readFileSync(sharedPath('data', 'eval-dev', 'arena-hard-v2.0__question.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { prompt: string }).prompt);

describe('heuristicTokenizer', () => {
  const exact = createTiktokenTokenizer();

  it('counts nothing for empty text and at least one token otherwise', () => {
    expect(heuristicTokenizer.count('')).toBe(0);
    expect(heuristicTokenizer.count('a')).toBeGreaterThanOrEqual(1);
    expect(heuristicTokenizer.count('a')).toBeLessThanOrEqual(2);
  });

  it('stays close to tiktoken o200k_base on real prompts (median error under 20 %)', () => {
    const errors = prompts.slice(0, 200).map((prompt) => {
      const truth = exact.count(prompt);
      return Math.abs(heuristicTokenizer.count(prompt) - truth) / truth;
    });
    errors.sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThan(0.2);
    expect(errors[Math.floor(errors.length * 0.9)]).toBeLessThan(0.45);
  });

  it('estimates long texts from samples within 15 % of an exact count', () => {
    const long = prompts.join('\n').slice(0, 200_000);
    const truth = exact.count(long);
    expect(Math.abs(heuristicTokenizer.count(long) - truth) / truth).toBeLessThan(0.15);
  });
});

describe('createTiktokenTokenizer', () => {
  it('gives exact OpenAI counts', () => {
    const tokenizer = createTiktokenTokenizer({ encoding: 'cl100k_base' });
    expect(tokenizer.count('hello world')).toBe(2);
    expect(tokenizer.name).toBe('tiktoken:cl100k_base');
    tokenizer.free();
    expect(tokenizer.count('hello world')).toBe(2);
  });
});

describe('countChatTokens', () => {
  it('samples a long history with an approximate tokenizer, within 5 % of counting every message', () => {
    const messages = prompts.slice(0, 400).map((prompt, index) => ({ role: (index % 2 === 0 ? 'user' : 'assistant') as 'user' | 'assistant', content: prompt }));
    messages.push({ role: 'user', content: 'Now summarize everything above.' });
    const sampled = countChatTokens({ messages }, heuristicTokenizer);
    const exactEveryMessage = countChatTokens({ messages }, { name: 'heuristic-unsampled', count: heuristicTokenizer.count });
    expect(Math.abs(sampled - exactEveryMessage) / exactEveryMessage).toBeLessThan(0.05);
    const withImage = [...messages.slice(0, 100), { role: 'user' as const, content: [{ type: 'text' as const, text: 'x' }, { type: 'image_url' as const, image_url: { url: 'data:image/png;base64,AA' } }] }, ...messages.slice(100)];
    expect(countChatTokens({ messages: withImage }, heuristicTokenizer) - sampled).toBeGreaterThanOrEqual(765);
  });

  it('counts text, framing, images by detail, tool calls in the history and tool definitions', () => {
    const base = countChatTokens({ messages: [{ role: 'user', content: 'hello there' }] }, heuristicTokenizer);
    expect(base).toBe(3 + 3 + heuristicTokenizer.count('hello there'));
    const withImages = countChatTokens(
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'hello there' },
              { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'low' } },
              { type: 'image_url', image_url: { url: 'https://x/z.png' } },
            ],
          },
        ],
      },
      heuristicTokenizer,
    );
    expect(withImages - base).toBe(85 + 765);
    const withTools = countChatTokens(
      {
        messages: [
          { role: 'user', content: 'hello there' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }] },
        ],
        tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
      },
      heuristicTokenizer,
    );
    expect(withTools).toBeGreaterThan(base + 10);
  });
});
