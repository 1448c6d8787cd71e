import { anchored, testAnchored, type AnchoredPattern, type TextIndex } from './text-index';

/**
 * Signs that the person is unhappy with earlier answers ("still doesn't work", "that's wrong
 * again"). In English and German, the languages of the seed's users. Only the last message a
 * person wrote is read, and only when there were earlier turns to be unhappy about.
 */
const FRUSTRATION_PATTERNS: readonly AnchoredPattern[] = [
  anchored(/\bstill\s+(?:doesn'?t|does\s+not|isn'?t|is\s+not|not|broken|failing|wrong|the\s+same)\b/i, { words: ['still'] }),
  anchored(/\b(?:that'?s|this\s+is|you'?re|it'?s)\s+(?:still\s+)?(?:wrong|incorrect|not\s+(?:right|what\s+i\s+(?:asked|wanted)))\b/i, { words: ['wrong', 'incorrect', 'not'] }),
  anchored(/\byou\s+(?:keep|already)\s+(?:saying|giving|making|doing|said|suggested)\b/i, { words: ['keep', 'already'] }),
  anchored(/\b(?:again|once\s+more)\s*[!?]{2,}/i, { words: ['again', 'more'] }),
  anchored(/\b(?:for\s+the\s+(?:third|fourth|fifth|\d+(?:st|nd|rd|th))\s+time|how\s+many\s+times)\b/i, { words: ['time'] }),
  anchored(/\b(?:useless|doesn'?t\s+help|not\s+helpful|stop\s+(?:doing|repeating|ignoring))\b/i, { words: ['useless', 'help', 'stop'] }),
  anchored(/\b(?:wtf|ffs|come\s+on)\b/i, { words: ['wtf', 'ffs', 'come'] }),
  anchored(/[!?]{3,}/, { symbols: '!' }),
  anchored(/[!?]{3,}/, { symbols: '?' }),
  anchored(/\b(?:immer\s+noch\s+(?:nicht|falsch)|funktioniert\s+(?:immer\s+noch\s+)?nicht|das\s+ist\s+(?:immer\s+noch\s+)?falsch|schon\s+wieder)\b/i, { words: ['noch', 'nicht', 'falsch', 'wieder'] }),
];

export function detectFrustration(lastUser: TextIndex, userTurns: number): boolean {
  if (userTurns < 2) return false;
  return FRUSTRATION_PATTERNS.some((entry) => testAnchored(entry, lastUser));
}
