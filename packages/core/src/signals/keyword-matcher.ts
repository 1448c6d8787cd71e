import { keywordWords, TextIndex, wordProbe, type WordProbe } from './text-index';

/**
 * Matches keyword lists on word boundaries, so `roi` does not match inside "Android" and `rce` not
 * inside "source". A keyword ending in `*` is a stem (`encrypt*` matches "encryption"). Keywords
 * that start or end with punctuation (`-----begin`, `p&l`) get a boundary only on their
 * alphanumeric ends. Matching is case-insensitive and Unicode-aware.
 *
 * Every keyword is first checked against the text's word hashes (its words must all occur); only
 * the few that pass are confirmed with their exact pattern, so a long keyword list costs about
 * one set lookup per keyword.
 *
 * @example
 * const matcher = compileKeywords(['roi', 'cash flow*']);
 * matcher.distinctMatches('Android ROI and cash flows'); // ['roi', 'cash flow*']
 */
export interface KeywordMatcher {
  readonly keywords: readonly string[];
  /** The distinct keywords (as written in the list) found in the text. */
  distinctMatches(text: string | TextIndex): string[];
}

interface CompiledKeyword {
  keyword: string;
  words: string[];
  stem: boolean;
  /** `words` as index lookups (the last one a prefix for a stem), hashed once. */
  probes: WordProbe[];
  /** Exact confirmation of a candidate found through the word hashes. */
  pattern: RegExp;
}

export function compileKeywords(keywords: readonly string[]): KeywordMatcher {
  const compiled: CompiledKeyword[] = keywords
    .map((keyword) => keyword.trim())
    .filter((keyword) => keyword.length > 0)
    .map((keyword) => {
      const stem = keyword.endsWith('*');
      const words = keywordWords(stem ? keyword.slice(0, -1) : keyword);
      // ASCII keywords confirm with a non-Unicode pattern (much faster in V8); the boundary class
      // still treats accented Latin and CJK letters as letters, like the word index does.
      const ascii = /^[\x00-\x7f]*$/.test(keyword);
      const probes = words.map((word, position) => wordProbe(word, stem && position === words.length - 1));
      return { keyword, words, stem, probes, pattern: new RegExp(keywordSource(keyword, ascii), ascii ? 'i' : 'iu') };
    })
    .filter((entry) => entry.words.length > 0);
  return {
    keywords: compiled.map((entry) => entry.keyword),
    distinctMatches(input: string | TextIndex): string[] {
      const index = typeof input === 'string' ? new TextIndex(input) : input;
      if (index.lower === '') return [];
      const found: string[] = [];
      for (const entry of compiled) {
        if (matches(entry, index)) found.push(entry.keyword);
      }
      return found;
    },
  };
}

function matches(entry: CompiledKeyword, index: TextIndex): boolean {
  const { probes } = entry;
  for (let position = 0; position < probes.length; position += 1) {
    if (!index.mayHave(probes[position] as WordProbe)) return false;
  }
  return entry.pattern.test(index.text);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

function keywordSource(keyword: string, ascii: boolean): string {
  const stem = keyword.endsWith('*');
  const body = stem ? keyword.slice(0, -1) : keyword;
  const escaped = body
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const first = body[0] ?? '';
  const last = body[body.length - 1] ?? '';
  const letter = ascii ? '[A-Za-z0-9\\u00C0-\\u024F\\u3040-\\u9FFF]' : '[\\p{L}\\p{N}]';
  const before = WORD_CHAR.test(first) ? `(?<!${letter})` : '';
  const after = stem ? '' : WORD_CHAR.test(last) ? `(?!${letter})` : '';
  return `${before}${escaped}${after}`;
}
