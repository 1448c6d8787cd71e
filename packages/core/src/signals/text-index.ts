/**
 * A text prepared for many keyword and pattern checks, built in one pass without allocating a
 * string per word: its lowercase copy, hash sets of its words and of their first four
 * characters, and which punctuation characters occur. A keyword check is then a few set lookups,
 * and a pattern runs only when its anchor words and characters are present; hits are confirmed
 * with the exact pattern (hashes can collide, patterns cannot). A word is a maximal run of letters
 * and digits, the same boundary the keyword patterns use.
 */
export class TextIndex {
  readonly text: string;
  readonly lower: string;
  /** Words, 4-character prefixes and 8-character prefixes, told apart by a salt. */
  private readonly hashes: HashSet32;
  private readonly symbols: number;

  constructor(text: string) {
    this.text = text;
    this.lower = text.toLowerCase();
    this.hashes = new HashSet32(nextPowerOfTwo(Math.max(64, this.lower.length)));
    this.symbols = indexText(this.lower, this.hashes);
  }

  /** The text may contain `word` (lowercase). False means certainly not. */
  mayHaveWord(word: string): boolean {
    return this.hashes.has(hashWord(word, 0, word.length));
  }

  /** Some word may start with `prefix` (lowercase). False means certainly not. */
  mayHavePrefix(prefix: string): boolean {
    if (prefix.length < 4) return this.lower.includes(prefix);
    if (!this.hashes.has(hashWord(prefix, 0, 4) ^ PREFIX_SALT)) return false;
    return prefix.length < LONG_PREFIX || this.hashes.has(hashWord(prefix, 0, LONG_PREFIX) ^ LONG_PREFIX_SALT);
  }

  /** Every one of these punctuation characters occurs (only characters in `SYMBOLS` are tracked). */
  hasSymbols(characters: string): boolean {
    const mask = symbolMask(characters);
    return (this.symbols & mask) === mask;
  }

  /** The lowercase text contains `needle` anywhere (a full scan: prefer the checks above). */
  includes(needle: string): boolean {
    return this.lower.includes(needle);
  }
}

/** Punctuation tracked by `hasSymbols`. */
export const SYMBOLS = '{}()[];=<>:$#!?|`./@-*_"\'\\,+&%^~';

const SYMBOL_BIT = new Int32Array(128).fill(0);
for (let index = 0; index < SYMBOLS.length; index += 1) SYMBOL_BIT[SYMBOLS.charCodeAt(index)] = 1 << index;

function symbolMask(characters: string): number {
  let mask = 0;
  for (let index = 0; index < characters.length; index += 1) {
    const code = characters.charCodeAt(index);
    if (code < 128) mask |= SYMBOL_BIT[code] as number;
  }
  return mask;
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

function isWordChar(code: number, text: string, index: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  if (code >= 0x2000 && code <= 0x206f) return false; // general punctuation
  if ((code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x3040 && code <= 0x9fff)) return true;
  return LETTER_OR_NUMBER.test(text[index] as string);
}

/** FNV-1a over the UTF-16 code units of `text[start, end)` (lowercase input expected). */
export function hashWord(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash | 0;
}

/** Words also index their first eight characters, so long stems (`contraindicat*`) rarely need a pattern. */
const LONG_PREFIX = 8;

const PREFIX_SALT = 0x5bd1e995;
const LONG_PREFIX_SALT = 0x27d4eb2f;

function indexText(lower: string, hashes: HashSet32): number {
  let symbols = 0;
  let hash = 0x811c9dc5;
  let length = 0;
  const size = lower.length;
  for (let index = 0; index < size; index += 1) {
    const code = lower.charCodeAt(index);
    if (isWordChar(code, lower, index)) {
      hash = Math.imul(hash ^ code, 0x01000193);
      length += 1;
      if (length === 4) hashes.add((hash | 0) ^ PREFIX_SALT);
      else if (length === LONG_PREFIX) hashes.add((hash | 0) ^ LONG_PREFIX_SALT);
      continue;
    }
    if (code < 128) symbols |= SYMBOL_BIT[code] as number;
    if (length > 0) {
      hashes.add(hash | 0);
      hash = 0x811c9dc5;
      length = 0;
    }
  }
  if (length > 0) hashes.add(hash | 0);
  return symbols;
}

/** A set of 32-bit hashes with open addressing in a typed array (no allocation per entry). */
class HashSet32 {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private count = 0;

  constructor(capacity: number) {
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  add(hash: number): void {
    const value = hash === 0 ? 1 : hash;
    if (this.count * 2 >= this.slots.length) return; // saturated: `has` degrades to true below
    let slot = value & this.mask;
    while (true) {
      const current = this.slots[slot] as number;
      if (current === value) return;
      if (current === 0) {
        this.slots[slot] = value;
        this.count += 1;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  has(hash: number): boolean {
    if (this.count * 2 >= this.slots.length) return true;
    const value = hash === 0 ? 1 : hash;
    let slot = value & this.mask;
    while (true) {
      const current = this.slots[slot] as number;
      if (current === value) return true;
      if (current === 0) return false;
      slot = (slot + 1) & this.mask;
    }
  }
}

function nextPowerOfTwo(value: number): number {
  let power = 1;
  while (power < value) power <<= 1;
  return power;
}

/** Splits a keyword into the words an index holds (`p&l` → `p`, `l`). */
export function keywordWords(keyword: string): string[] {
  return keyword.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}

/**
 * A regular expression with cheap preconditions: it runs only when one of `words` and every one
 * of `all` occur as words (a trailing `*` makes one a prefix), every character of `symbols`
 * occurs, and `literal` occurs.
 */
export interface AnchoredPattern {
  words: readonly string[];
  /** Words that must all occur (a trailing `*` makes one a prefix; `a|b` means either). */
  all: readonly string[];
  symbols: string;
  /** A literal every match contains (checked with one substring search, after the cheaper checks). */
  literal: string | undefined;
  pattern: RegExp;
}

export function anchored(pattern: RegExp, anchors: { words?: readonly string[]; all?: readonly string[]; symbols?: string; literal?: string }): AnchoredPattern {
  return {
    words: (anchors.words ?? []).map((word) => word.toLowerCase()),
    all: (anchors.all ?? []).map((word) => word.toLowerCase()),
    symbols: anchors.symbols ?? '',
    literal: anchors.literal?.toLowerCase(),
    pattern,
  };
}

function hasWordOrPrefix(index: TextIndex, word: string): boolean {
  return word.endsWith('*') ? index.mayHavePrefix(word.slice(0, -1)) : index.mayHaveWord(word);
}

export function testAnchored(entry: AnchoredPattern, index: TextIndex): boolean {
  if (entry.symbols !== '' && !index.hasSymbols(entry.symbols)) return false;
  if (entry.literal !== undefined && !index.lower.includes(entry.literal)) return false;
  if (entry.words.length > 0 && !entry.words.some((word) => hasWordOrPrefix(index, word))) return false;
  if (entry.all.length > 0 && !entry.all.every((group) => group.split('|').some((word) => hasWordOrPrefix(index, word)))) return false;
  entry.pattern.lastIndex = 0;
  return entry.pattern.test(index.text);
}
