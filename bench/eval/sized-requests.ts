import { countChatTokens, countMessageTokens, type ChatMessage, type Tokenizer } from '@refract/core';
import { createTiktokenTokenizer } from '@refract/core/tiktoken';
import { loadSources } from './datasets';

/** A benchmark request and its exact size. */
export interface SizedRequest {
  name: string;
  request: { model: string; messages: ChatMessage[] };
  /** Input tokens counted exactly (the given tokenizer, framing included). */
  tokens: number;
}

const SYSTEM_PROMPT =
  'You are a senior engineer and careful technical writer. Answer precisely, show your reasoning when it matters, prefer short code examples, and say so when you are unsure.';

/**
 * A single user turn after a system prompt, filled with eval-dev prompts in file order (arena-hard
 * v2.0, then v0.1) and cut to `targetTokens` exactly or one token under (binary search on the
 * cut point). Deterministic: the same data gives the same request.
 *
 * @example
 * const { request, tokens } = singleTurnRequest(dataDir, 2000, tiktoken);
 */
export function singleTurnRequest(dataDir: string, targetTokens: number, tokenizer: Tokenizer): SizedRequest {
  // Enough text for the target at any plausible rate (under 8 characters per token), no more.
  const parts: string[] = [];
  let characters = 0;
  for (const prompt of evalPrompts(dataDir)) {
    if (characters >= targetTokens * 8) break;
    parts.push(prompt);
    characters += prompt.length + 2;
  }
  const text = parts.join('\n\n');
  const build = (length: number): SizedRequest['request'] => ({
    model: 'auto',
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: text.slice(0, length) },
    ],
  });
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (countChatTokens(build(middle), tokenizer) <= targetTokens) low = middle;
    else high = middle - 1;
  }
  const request = build(low);
  return { name: `single turn, ~${targetTokens} tokens`, request, tokens: countChatTokens(request, tokenizer) };
}

/**
 * A multi-turn conversation of at least `targetTokens`: a system prompt, then user turns (eval-dev
 * prompts in file order) each answered by an assistant turn (the next prompt standing in for an
 * answer), ending on a user turn. Deterministic.
 */
export function conversationRequest(dataDir: string, targetTokens: number, tokenizer: Tokenizer): SizedRequest {
  const prompts = evalPrompts(dataDir);
  const messages: ChatMessage[] = [{ role: 'system', content: SYSTEM_PROMPT }];
  let total = countChatTokens({ messages }, tokenizer);
  let index = 0;
  while (total < targetTokens) {
    const user = prompts[index % prompts.length] ?? '';
    const answer = prompts[(index + 1) % prompts.length] ?? '';
    index += 2;
    const userMessage: ChatMessage = { role: 'user', content: user };
    messages.push(userMessage);
    total += countMessageTokens(userMessage, tokenizer);
    if (total >= targetTokens) break;
    const assistantMessage: ChatMessage = { role: 'assistant', content: answer };
    messages.push(assistantMessage);
    total += countMessageTokens(assistantMessage, tokenizer);
  }
  if (messages.at(-1)?.role !== 'user') messages.push({ role: 'user', content: prompts[index % prompts.length] ?? 'Go on.' });
  const request = { model: 'auto', messages };
  return { name: `conversation, ${messages.length} messages, ~${targetTokens} tokens`, request, tokens: countChatTokens(request, tokenizer) };
}

function evalPrompts(dataDir: string): string[] {
  const sources = loadSources(dataDir, ['arena-hard-v2.0', 'arena-hard-v0.1']);
  return sources.flatMap((source) => source.prompts.map((prompt) => prompt.text));
}

/** The two requests of the route() benchmark, sized with tiktoken (o200k_base), with their p50 targets. */
export function routeBenchmarkRequests(dataDir: string): (SizedRequest & { targetP50Ms: number })[] {
  const tiktoken = createTiktokenTokenizer();
  try {
    return [
      { ...singleTurnRequest(dataDir, 2000, tiktoken), targetP50Ms: 0.03 },
      { ...conversationRequest(dataDir, 100_000, tiktoken), targetP50Ms: 2 },
    ];
  } finally {
    tiktoken.free();
  }
}
