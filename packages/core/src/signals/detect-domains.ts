import { DOMAIN_KEYWORDS, type DomainKeywords } from './domain-keywords';
import { compileKeywords, type KeywordMatcher } from './keyword-matcher';
import type { TextIndex } from './text-index';

export interface DomainDetector {
  /** Domains whose keyword threshold is met, most hits first, with the keywords found. */
  /** Keywords found in any of the texts count together. */
  detect(...texts: (string | TextIndex)[]): { domains: string[]; hits: Record<string, string[]> };
}

/**
 * Builds a domain detector from keyword lists (default: `DOMAIN_KEYWORDS`).
 *
 * @example
 * createDomainDetector().detect('Is this NDA clause enforceable?').domains; // ['legal']
 */
export function createDomainDetector(lists: Readonly<Record<string, DomainKeywords>> = DOMAIN_KEYWORDS): DomainDetector {
  const compiled: { domain: string; matcher: KeywordMatcher; minHits: number }[] = Object.entries(lists).map(
    ([domain, list]) => ({ domain, matcher: compileKeywords(list.keywords), minHits: list.minHits }),
  );
  return {
    detect(...texts) {
      const hits: Record<string, string[]> = {};
      const ranked: { domain: string; count: number }[] = [];
      for (const { domain, matcher, minHits } of compiled) {
        const found = texts.length === 1 ? matcher.distinctMatches(texts[0] as string | TextIndex) : [...new Set(texts.flatMap((text) => matcher.distinctMatches(text)))];
        if (found.length >= minHits) {
          hits[domain] = found;
          ranked.push({ domain, count: found.length });
        }
      }
      ranked.sort((a, b) => b.count - a.count);
      return { domains: ranked.map((entry) => entry.domain), hits };
    },
  };
}
