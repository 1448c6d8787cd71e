import type { CategorySet } from '../catalog/category-set';
import type { Signals } from '../signals/signals';
import type { SignalWeights } from './rule-set-schema';

export interface SignalInference {
  category: string;
  confidence: number;
  why: string;
}

/**
 * A category read from structural signals when no rule named one: images, tool use, code, domain
 * keywords. Confidence scales with the rule set's `codeLanguage` weight for code and with
 * `contentKeywords` for domains, so a rule set can trust these inferences more or less.
 */
export function inferCategoryFromSignals(signals: Signals, weights: SignalWeights, categories: CategorySet): SignalInference | undefined {
  const pick = (key: string, confidence: number, why: string): SignalInference | undefined =>
    categories.has(key) ? { category: key, confidence: round(confidence), why } : undefined;
  const userTokens = Math.round(signals.lastUserMessage.length / 4);

  if (signals.hasImages) {
    const complex = signals.imageCount > 1 || userTokens > 150 || signals.hasCode;
    return pick(complex ? 'vision_complex' : 'vision_simple', 0.5, `${signals.imageCount} image(s)`);
  }
  if (signals.isToolAgent && signals.hasCode) {
    return pick('swe_agentic', weights.codeLanguage * 0.75, 'agent loop over code');
  }
  if (signals.isToolAgent) return pick('tool_use_agentic', 0.5, 'agent loop with tool calls');
  if (signals.hasCode) {
    const languages = signals.codeLanguages.join(', ') || 'fenced code';
    if (signals.codeLanguages.includes('sql') && signals.codeLanguages.length === 1) {
      return pick('sql_generation', weights.codeLanguage * 0.8, `SQL (${languages})`);
    }
    const size = userTokens + (signals.expectedOutput === 'long' ? 1500 : signals.expectedOutput === 'short' ? -200 : 0);
    const key = size > 2500 ? 'coding_complex' : size > 400 ? 'coding_medium' : 'coding_simple';
    return pick(key, weights.codeLanguage * 0.8, `code (${languages}), about ${userTokens} tokens of request`);
  }
  const domain = signals.domains[0];
  if (domain === 'legal') return pick('legal_analysis', weights.contentKeywords * 0.7, `legal keywords: ${signals.domainHits['legal']?.join(', ')}`);
  if (domain === 'medical') return pick('medical_analysis', weights.contentKeywords * 0.7, `medical keywords: ${signals.domainHits['medical']?.join(', ')}`);
  if (domain === 'finance') return pick('financial_analysis', weights.contentKeywords * 0.7, `finance keywords: ${signals.domainHits['finance']?.join(', ')}`);
  if (domain === 'security' && signals.hasCode) return pick('code_security_review', weights.contentKeywords * 0.7, 'security keywords in code');
  if (signals.hasTools) return pick('function_calling', 0.45, 'tool definitions');
  return undefined;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
