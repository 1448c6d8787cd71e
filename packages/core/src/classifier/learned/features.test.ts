import { describe, expect, it } from 'vitest';
import { extractSignals } from '../../signals/extract-signals';
import { heuristicTokenizer } from '../../tokenizer/tokenizer';
import { DEFAULT_FEATURE_CONFIG, FEATURE_GROUP, featureText, featureVector, visitFeatures } from './features';

const signalsOf = (content: string, system?: string) =>
  extractSignals({ model: 'auto', messages: [...(system ? [{ role: 'system' as const, content: system }] : []), { role: 'user' as const, content }] }, { tokenizer: heuristicTokenizer });

function groupsOf(content: string, system?: string): number[] {
  const counts = [0, 0, 0, 0, 0];
  visitFeatures(signalsOf(content, system), DEFAULT_FEATURE_CONFIG, { add: (hash, group) => void (counts[group] = (counts[group] ?? 0) + 1 + (hash === 0 ? 1000 : 0)) });
  return counts;
}

describe('learned-classifier features', () => {
  it('emits words plus the first word, bigrams, character 4-grams, system words and signals, never hash 0', () => {
    const counts = groupsOf('Fix the bug in my parser', 'You are terse.');
    expect(counts[FEATURE_GROUP.word]).toBe(6 + 1);
    expect(counts[FEATURE_GROUP.bigram]).toBe(5);
    expect(counts[FEATURE_GROUP.char]).toBe('fix the bug in my parser'.length - 3);
    expect(counts[FEATURE_GROUP.system]).toBe(3);
    expect(counts[FEATURE_GROUP.signal]).toBeGreaterThanOrEqual(5);
  });

  it('is case-insensitive and folds whitespace runs and digits', () => {
    expect(featureVector(signalsOf('Sort THESE   numbers: 12, 7'), DEFAULT_FEATURE_CONFIG)).toEqual(featureVector(signalsOf('sort these numbers: 99, 3'), DEFAULT_FEATURE_CONFIG));
    expect(featureVector(signalsOf('sort these numbers'), DEFAULT_FEATURE_CONFIG)).not.toEqual(featureVector(signalsOf('sort those numbers'), DEFAULT_FEATURE_CONFIG));
  });

  it('scales each text group by 1/√occurrences, so a long prompt does not outweigh a short one', () => {
    const short = featureVector(signalsOf('explain recursion'), DEFAULT_FEATURE_CONFIG);
    const words = Array.from({ length: 200 }, (_, index) => `${String.fromCharCode(97 + (index % 26))}${String.fromCharCode(97 + Math.floor(index / 26))}word`).join(' ');
    const long = featureVector(signalsOf(`explain recursion ${words}`), DEFAULT_FEATURE_CONFIG);
    const norm = (vector: Map<number, number>) => Math.sqrt([...vector.values()].reduce((sum, value) => sum + value * value, 0));
    expect(norm(long) / norm(short)).toBeLessThan(3);
  });

  it('reads the head and tail of a long message only', () => {
    const text = `${'a'.repeat(3000)} MIDDLE ${'b'.repeat(3000)}`;
    const read = featureText(text, DEFAULT_FEATURE_CONFIG);
    expect(read).not.toContain('middle');
    expect(read.length).toBe(DEFAULT_FEATURE_CONFIG.headChars + DEFAULT_FEATURE_CONFIG.tailChars + 1);
  });
});
