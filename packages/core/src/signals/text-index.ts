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
    return this.mayHave(wordProbe(word, false));
  }

  /** Some word may start with `prefix` (lowercase). False means certainly not. */
  mayHavePrefix(prefix: string): boolean {
    return this.mayHave(wordProbe(prefix, true));
  }

  /** `mayHaveWord` / `mayHavePrefix` with the hashes computed once, when the keyword is compiled. */
  mayHave(probe: WordProbe): boolean {
    if (probe.substring !== undefined) return this.lower.includes(probe.substring);
    const { hashes } = probe;
    for (let index = 0; index < hashes.length; index += 1) if (!this.hashes.has(hashes[index] as number)) return false;
    return true;
  }

  /** Every one of these punctuation characters occurs (only characters in `SYMBOLS` are tracked). */
  hasSymbols(characters: string): boolean {
    return this.hasSymbolMask(symbolMask(characters));
  }

  /** `hasSymbols` with the mask computed once. */
  hasSymbolMask(mask: number): boolean {
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

/**
 * A word or a word prefix (lowercase) as the hashes an index holds for it, computed once: keyword
 * lists and anchored patterns are checked against every request, and hashing their words on each
 * check was a large share of routing time. A prefix shorter than four characters is not hashed
 * (the index keeps 4- and 8-character prefixes): it is looked up as a substring.
 */
export interface WordProbe {
  readonly hashes: readonly number[];
  readonly substring?: string;
}

export function wordProbe(word: string, prefix: boolean): WordProbe {
  if (!prefix) return { hashes: [hashWord(word, 0, word.length)] };
  if (word.length < 4) return { hashes: [], substring: word };
  const hashes = [hashWord(word, 0, 4) ^ PREFIX_SALT];
  if (word.length >= LONG_PREFIX) hashes.push(hashWord(word, 0, LONG_PREFIX) ^ LONG_PREFIX_SALT);
  return { hashes };
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
  /** `words`, `all` and `symbols` as the index looks them up, computed by `anchored`. */
  readonly probes: { any: readonly WordProbe[]; all: readonly (readonly WordProbe[])[]; symbols: number };
}

export function anchored(pattern: RegExp, anchors: { words?: readonly string[]; all?: readonly string[]; symbols?: string; literal?: string }): AnchoredPattern {
  const words = (anchors.words ?? []).map((word) => word.toLowerCase());
  const all = (anchors.all ?? []).map((word) => word.toLowerCase());
  const symbols = anchors.symbols ?? '';
  return {
    words,
    all,
    symbols,
    literal: anchors.literal?.toLowerCase(),
    pattern,
    probes: { any: words.map(probeOf), all: all.map((group) => group.split('|').map(probeOf)), symbols: symbolMask(symbols) },
  };
}

/** `word`, or a prefix when it ends with `*`. */
function probeOf(word: string): WordProbe {
  return word.endsWith('*') ? wordProbe(word.slice(0, -1), true) : wordProbe(word, false);
}

export function testAnchored(entry: AnchoredPattern, index: TextIndex): boolean {
  const { probes } = entry;
  if (probes.symbols !== 0 && !index.hasSymbolMask(probes.symbols)) return false;
  if (entry.literal !== undefined && !index.lower.includes(entry.literal)) return false;
  if (probes.any.length > 0 && !probes.any.some((probe) => index.mayHave(probe))) return false;
  if (probes.all.length > 0 && !probes.all.every((group) => group.some((probe) => index.mayHave(probe)))) return false;
  entry.pattern.lastIndex = 0;
  return entry.pattern.test(index.text);
}
