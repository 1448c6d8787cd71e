import { z } from 'zod';
import type { Signals } from '../../signals/signals';

/**
 * Feature groups. Text features of one group are scaled by 1/√(occurrences in the group), so a
 * long prompt does not outweigh a short one and each group has a comparable say.
 */
export const FEATURE_GROUP = { word: 0, bigram: 1, char: 2, system: 3, signal: 4 } as const;
export const FEATURE_GROUP_COUNT = 5;

export const featureConfigSchema = z.object({
  /** Characters read from the start of the last user message for word features. */
  headChars: z.number().int().min(0).max(4000),
  /** Characters read from its end (when longer than head + tail). */
  tailChars: z.number().int().min(0).max(4000),
  /** Characters read from its start for character n-grams. */
  charChars: z.number().int().min(0).max(4000),
  /** Character n-gram sizes (2–8). */
  charNgrams: z.array(z.number().int().min(2).max(8)).max(3),
  /** Characters of the system prompt read for its word features. */
  systemChars: z.number().int().min(0).max(2000),
});
export type FeatureConfig = z.infer<typeof featureConfigSchema>;

/**
 * The defaults keep a request's feature work to about two thousand hash operations (a 50 µs
 * budget): words of the first 1,500 and last 300 characters, 4-grams of the first 600 (3- plus
 * 5-grams scored no better on the dev data and cost twice as much).
 */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = { headChars: 1500, tailChars: 300, charChars: 600, charNgrams: [4], systemChars: 300 };

/** Receives every feature occurrence of a request as a 32-bit hash (never 0) and its group. */
export interface FeatureSink {
  add(hash: number, group: number): void;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEED_WORD = 0x1b873593;
const SEED_FIRST = 0x2c1b3c6d;
const SEED_BIGRAM = 0x297a2d39;
const SEED_CHAR = 0x6a09e667;
const SEED_SYSTEM = 0x3c6ef372;
const SEED_SIGNAL = 0x510e527f;

/** murmur3's 32-bit finaliser: spreads FNV's weak low bits; 0 is reserved for "empty". */
export function mixHash(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash === 0 ? 1 : hash | 0;
}

function hashString(text: string, seed: number): number {
  let hash = FNV_OFFSET;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), FNV_PRIME);
  return mixHash(hash ^ seed);
}

const signalHash = (name: string): number => hashString(name, SEED_SIGNAL);
const TOKEN_BUCKETS = [30, 100, 300, 1000, 3000, 10000, 30000];
const LENGTH_BUCKETS = [40, 120, 400, 1200, 3000];
const TURN_BUCKETS = [1, 2, 5];
const MESSAGE_BUCKETS = [1, 3, 9];
const bucketHashes = (name: string, count: number): number[] => Array.from({ length: count + 1 }, (_, index) => signalHash(`${name}:${index}`));
const SIGNAL = {
  tokens: bucketHashes('tokens', TOKEN_BUCKETS.length),
  length: bucketHashes('length', LENGTH_BUCKETS.length),
  turns: bucketHashes('turns', TURN_BUCKETS.length),
  messages: bucketHashes('messages', MESSAGE_BUCKETS.length),
  code: signalHash('code'),
  images: signalHash('images'),
  manyImages: signalHash('images:many'),
  tools: signalHash('tools'),
  toolRequired: signalHash('tools:required'),
  agent: signalHash('agent'),
  toolOutput: signalHash('tool_output'),
  frustration: signalHash('frustration'),
  json: signalHash('json'),
  fim: signalHash('fim'),
  system: signalHash('system'),
  output: { short: signalHash('output:short'), medium: signalHash('output:medium'), long: signalHash('output:long') },
};
const NUMBER_WORDS = Array.from({ length: 7 }, (_, index) => hashString(`#number:${index}`, SEED_WORD));
const namedHashes = new Map<string, number>();
function named(prefix: string, name: string): number {
  const key = `${prefix}:${name}`;
  let hash = namedHashes.get(key);
  if (hash === undefined) {
    hash = signalHash(key);
    if (namedHashes.size < 4096) namedHashes.set(key, hash);
  }
  return hash;
}

function bucket(value: number, bounds: readonly number[]): number {
  let index = 0;
  while (index < bounds.length && value > (bounds[index] as number)) index += 1;
  return index;
}

/** Letters and digits of any script (the text is lowercase already); punctuation and symbols are not. */
function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
  if (code < 0xc0 || code === 0xd7 || code === 0xf7) return false;
  if (code >= 0x2000 && code <= 0x2bff) return false;
  if (code >= 0x3000 && code <= 0x303f) return false;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return !(code >= 0xff00 && code <= 0xff0f);
}

/** The part of the last user message read for word features: head, and tail when long. */
export function featureText(message: string, config: FeatureConfig): string {
  if (message.length <= config.headChars + config.tailChars) return message.toLowerCase();
  return `${message.slice(0, config.headChars)} ${config.tailChars > 0 ? message.slice(-config.tailChars) : ''}`.toLowerCase();
}

/**
 * Emits every feature of a request: word unigrams (and the first word), word bigrams and
 * character n-grams of the last message a person wrote, words of the system prompt, and the
 * structural signals (token and length buckets, code and its languages, images, tools, agent
 * loops, domains, expected output, turns). Pure and allocation-light; training and inference
 * share it, so a model sees exactly the features it was trained on.
 *
 * @example
 * visitFeatures(signals, DEFAULT_FEATURE_CONFIG, { add: (hash, group) => counts[group]++ });
 */
export function visitFeatures(signals: Signals, config: FeatureConfig, sink: FeatureSink): void {
  const text = featureText(signals.lastUserMessage, config);
  visitWords(text, sink, true);
  if (config.charNgrams.length > 0 && config.charChars > 0) visitCharNgrams(text, Math.min(text.length, config.charChars), config.charNgrams, sink);
  if (config.systemChars > 0 && signals.systemPrompt !== '') visitWords(signals.systemPrompt.slice(0, config.systemChars).toLowerCase(), sink, false);
  visitSignals(signals, sink);
}

function visitWords(text: string, sink: FeatureSink, isUser: boolean): void {
  const seed = isUser ? SEED_WORD : SEED_SYSTEM;
  const group = isUser ? FEATURE_GROUP.word : FEATURE_GROUP.system;
  let hash = FNV_OFFSET;
  let length = 0;
  let digitsOnly = true;
  let previous = 0;
  const size = text.length;
  for (let index = 0; index <= size; index += 1) {
    const code = index < size ? text.charCodeAt(index) : 32;
    if (index < size && isWordCode(code)) {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      length += 1;
      if (code < 48 || code > 57) digitsOnly = false;
      continue;
    }
    if (length === 0) continue;
    const word = digitsOnly ? (NUMBER_WORDS[Math.min(length, 6)] as number) : mixHash(hash ^ seed);
    sink.add(word, group);
    if (isUser) {
      if (previous === 0) sink.add(mixHash(word ^ SEED_FIRST), group);
      else sink.add(mixHash(Math.imul(previous, 0x9e3779b1) ^ word ^ SEED_BIGRAM), FEATURE_GROUP.bigram);
    }
    previous = word;
    hash = FNV_OFFSET;
    length = 0;
    digitsOnly = true;
  }
}

/** Character n-grams with whitespace runs folded to one space and digits folded to `0`. */
function visitCharNgrams(text: string, limit: number, sizes: readonly number[], sink: FeatureSink): void {
  const ring = new Int32Array(8);
  let filled = 0;
  let lastSpace = true;
  for (let index = 0; index < limit; index += 1) {
    let code = text.charCodeAt(index);
    if (code === 32 || code === 10 || code === 9 || code === 13) {
      if (lastSpace) continue;
      code = 32;
      lastSpace = true;
    } else {
      lastSpace = false;
      if (code >= 48 && code <= 57) code = 48;
    }
    ring[filled & 7] = code;
    filled += 1;
    for (const size of sizes) {
      if (filled < size) continue;
      let hash = Math.imul(FNV_OFFSET ^ size, FNV_PRIME);
      for (let offset = filled - size; offset < filled; offset += 1) hash = Math.imul(hash ^ (ring[offset & 7] as number), FNV_PRIME);
      sink.add(mixHash(hash ^ SEED_CHAR), FEATURE_GROUP.char);
    }
  }
}

function visitSignals(signals: Signals, sink: FeatureSink): void {
  const group = FEATURE_GROUP.signal;
  sink.add(SIGNAL.tokens[bucket(signals.tokens, TOKEN_BUCKETS)] as number, group);
  sink.add(SIGNAL.length[bucket(signals.lastUserMessage.length, LENGTH_BUCKETS)] as number, group);
  sink.add(SIGNAL.turns[bucket(signals.userTurns, TURN_BUCKETS)] as number, group);
  sink.add(SIGNAL.messages[bucket(signals.messageCount, MESSAGE_BUCKETS)] as number, group);
  sink.add(SIGNAL.output[signals.expectedOutput], group);
  if (signals.hasCode) sink.add(SIGNAL.code, group);
  for (const language of signals.codeLanguages) sink.add(named('lang', language), group);
  for (const domain of signals.domains) sink.add(named('domain', domain), group);
  if (signals.hasImages) sink.add(SIGNAL.images, group);
  if (signals.imageCount > 1) sink.add(SIGNAL.manyImages, group);
  if (signals.hasTools) sink.add(SIGNAL.tools, group);
  if (signals.toolChoiceRequired) sink.add(SIGNAL.toolRequired, group);
  if (signals.isToolAgent) sink.add(SIGNAL.agent, group);
  if (signals.isToolOutputContinuation) sink.add(SIGNAL.toolOutput, group);
  if (signals.frustration) sink.add(SIGNAL.frustration, group);
  if (signals.wantsJson) sink.add(SIGNAL.json, group);
  if (signals.isFim) sink.add(SIGNAL.fim, group);
  if (signals.systemPrompt !== '') sink.add(SIGNAL.system, group);
}

/** Per-occurrence value of a group with `count` occurrences (signals count 1 each). */
export function groupScale(group: number, count: number): number {
  if (group === FEATURE_GROUP.signal || count === 0) return 1;
  return 1 / Math.sqrt(count);
}

/**
 * A request's features as a sparse vector (hash → value), duplicates summed. Used in training and
 * in tests; inference accumulates weights directly without building it.
 */
export function featureVector(signals: Signals, config: FeatureConfig): Map<number, number> {
  const occurrences: { hash: number; group: number }[] = [];
  const counts = new Int32Array(FEATURE_GROUP_COUNT);
  visitFeatures(signals, config, {
    add(hash, group) {
      occurrences.push({ hash, group });
      counts[group] = (counts[group] as number) + 1;
    },
  });
  const vector = new Map<number, number>();
  for (const { hash, group } of occurrences) vector.set(hash, (vector.get(hash) ?? 0) + groupScale(group, counts[group] as number));
  return vector;
}
