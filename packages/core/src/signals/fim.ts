import { anchored, testAnchored, type AnchoredPattern, type TextIndex } from './text-index';

/**
 * Fill-in-the-middle / autocomplete detection. Only unambiguous evidence counts: a FIM system
 * prompt, or the sentinel tokens of a FIM prompt format. The seed also fired on `// END`, `◊`,
 * `<cursor>` and on any bare code block, which sent pasted code to the cheapest tier; those are
 * gone, and a request with images is never FIM.
 */
const FIM_PROMPT_PATTERNS: readonly AnchoredPattern[] = [
  anchored(/\bhole\s+filler\b/i, { words: ['filler'] }),
  anchored(/\bfill(?:ing)?[\s-]+in[\s-]+the[\s-]+middle\b/i, { words: ['middle'] }),
  anchored(/\bfim\b/i, { words: ['fim'] }),
  anchored(/\bcode\s+completion\s+(?:engine|model|assistant|ai)\b/i, { words: ['completion'] }),
  anchored(/\b(?:you are|act as) (?:an? )?(?:code )?autocomplet(?:e|ion)\b/i, { words: ['autocomplete', 'autocompletion'] }),
  anchored(/\bfill\s+the\s+hole\b/i, { words: ['hole'] }),
  anchored(/\binline\s+(?:code\s+)?(?:completion|suggestion)s?\b/i, { words: ['inline'] }),
  anchored(/\{\{HOLE\}\}/, { words: ['hole'], symbols: '{}' }),
  anchored(/\bcomplete the code at the cursor\b/i, { words: ['cursor'] }),
];

/** Sentinels of the FIM formats of StarCoder, SantaCoder, DeepSeek, Qwen, CodeLlama, Codestral and others. */
const FIM_SENTINELS: readonly (readonly string[])[] = [
  ['<fim_prefix>'],
  ['<fim_suffix>'],
  ['<fim_middle>'],
  ['<|fim_prefix|>'],
  ['<|fim_suffix|>'],
  ['<|fim_middle|>'],
  ['<|fim_begin|>'],
  ['<|fim_hole|>'],
  ['<|fim▁begin|>'],
  ['<｜fim▁begin｜>'],
  ['<｜fim▁hole｜>'],
  ['<fim-prefix>'],
  ['<FILL_ME>'],
  ['{{HOLE}}'],
  // Formats whose single markers are too common: require the pair.
  ['<PRE>', '<SUF>'],
  ['[PREFIX]', '[SUFFIX]'],
  ['<|prefix|>', '<|suffix|>'],
];

export interface FimEvidence {
  isFim: boolean;
  reason?: string;
}

/**
 * @param system system and developer text
 * @param firstUser the first user message, first 1,000 characters (FIM instructions often sit there)
 * @param lastUserMessage where a FIM prompt's sentinels are
 */
export function detectFim(system: TextIndex, firstUser: TextIndex, lastUserMessage: string, hasImages: boolean): FimEvidence {
  if (hasImages) return { isFim: false };
  for (const entry of FIM_PROMPT_PATTERNS) {
    if (testAnchored(entry, system)) return { isFim: true, reason: `system prompt matches ${entry.pattern.source}` };
    if (testAnchored(entry, firstUser)) return { isFim: true, reason: `first user message matches ${entry.pattern.source}` };
  }
  for (const sentinels of FIM_SENTINELS) {
    if (sentinels.every((sentinel) => lastUserMessage.includes(sentinel))) {
      return { isFim: true, reason: `FIM sentinel ${sentinels.join(' + ')}` };
    }
  }
  return { isFim: false };
}
