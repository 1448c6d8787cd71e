import type { OutputLength } from './signals';
import { anchored, testAnchored, type AnchoredPattern, type TextIndex } from './text-index';

const LONG_PATTERNS: readonly AnchoredPattern[] = [
  anchored(/\b(?:write|draft|create|produce|generate)\s+(?:an?\s+|the\s+)?(?:full|complete|detailed|comprehensive|long|in-depth|thorough)\b/i, {
    words: ['write', 'draft', 'create', 'produce', 'generate'],
    all: ['full|complete|detailed|comprehensive|long|in|thorough'],
  }),
  anchored(
    /\b(?:essay|article|report|whitepaper|white\s+paper|blog\s+post|chapter|story|tutorial|guide|documentation|specification|proposal|business\s+plan)\b/i, { words: ['essay', 'article', 'report', 'paper', 'blog', 'chapter', 'story', 'tutorial', 'guide', 'documentation', 'specification', 'proposal', 'plan',] }),
  anchored(/\b(?:step[-\s]by[-\s]step|in\s+detail|detailed\s+explanation|comprehensive|exhaustive|thorough(?:ly)?)\b/i, {
    words: ['step', 'detail', 'detailed', 'comprehensive', 'exhaustive', 'thorough', 'thoroughly'],
  }),
  anchored(/\b(?:full|complete|entire)\s+(?:implementation|code|program|application|app|script|module|test\s+suite)\b/i, {
    words: ['full', 'complete', 'entire'],
    all: ['implementation|code|program|application|app|script|module|test'],
  }),
  anchored(/\b(?:\d{4,}|[1-9]\d{2,}0)\s*(?:words|lines|tokens)\b/i, { words: ['words', 'lines', 'tokens'] }),
];

const SHORT_PATTERNS: readonly AnchoredPattern[] = [
  anchored(/\b(?:one|single|1)\s*(?:word|sentence|line|number)\b/i, { words: ['one', 'single', '1'], all: [] }),
  anchored(/\byes\s+or\s+no\b/i, { all: ['yes', 'no'] }),
  anchored(/\btrue\s+or\s+false\b/i, { all: ['true', 'false'] }),
  anchored(/\bbriefly\b/i, { words: ['briefly'] }),
  anchored(/\b(?:in\s+short|short\s+answer)\b/i, { all: ['short'], words: ['in', 'answer'] }),
  anchored(/\btl;?dr\b/i, { words: ['tl', 'tldr'] }),
  anchored(/\bjust\s+the\s+(?:answer|number|name|code)\b/i, { all: ['just', 'the'], words: ['answer', 'number', 'name', 'code'] }),
  anchored(/\b(?:title|headline|tagline|slogan|label)\s+for\b/i, { words: ['title', 'headline', 'tagline', 'slogan', 'label'], all: ['for'] }),
  anchored(/\b(?:[1-9]|1\d|20)[\s-]*words?\b/i, { words: ['word', 'words'] }),
];

/**
 * How long the answer is expected to be, from the wording of the last user message and the
 * caller's own max tokens. `medium` when nothing says otherwise.
 */
export function expectedOutputLength(lastUser: TextIndex, requestedMaxTokens: number | undefined): OutputLength {
  if (requestedMaxTokens !== undefined && requestedMaxTokens <= 64) return 'short';
  if (SHORT_PATTERNS.some((entry) => testAnchored(entry, lastUser))) return 'short';
  if (LONG_PATTERNS.some((entry) => testAnchored(entry, lastUser))) return 'long';
  return 'medium';
}

/** Output tokens assumed for cost estimates when the request does not bound them. */
export const EXPECTED_OUTPUT_TOKENS: Readonly<Record<OutputLength, number>> = { short: 60, medium: 500, long: 2000 };
