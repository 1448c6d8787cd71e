import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedPath } from '@refract/test-support';
import { describe, expect, it } from 'vitest';
import { loadSources } from './datasets';

describe('loadSources', () => {
  const sources = loadSources(sharedPath('data', 'eval-dev'));

  it('reads every prompt of the three labeled sources with their label fields', () => {
    expect(sources.map((source) => [source.name, source.prompts.length, source.labelFields])).toEqual([
      ['arena-hard-v0.1', 500, ['cluster']],
      ['arena-hard-v2.0', 750, ['category', 'subcategory']],
      ['vicuna', 80, ['category']],
    ]);
    for (const source of sources) {
      for (const prompt of source.prompts) {
        expect(prompt.text.length).toBeGreaterThan(0);
        for (const field of source.labelFields) expect(prompt.labels[field]).toBeTruthy();
      }
    }
  });

  it('matches the label counts of PROVENANCE.md', () => {
    const v2 = sources.find((source) => source.name === 'arena-hard-v2.0');
    const count = (field: string, value: string): number => v2?.prompts.filter((prompt) => prompt.labels[field] === value).length ?? 0;
    expect([count('subcategory', 'coding'), count('subcategory', 'math'), count('subcategory', 'creative_writing')]).toEqual([253, 247, 250]);
    const clusters = new Set(sources[0]?.prompts.map((prompt) => prompt.labels['cluster']));
    expect(clusters.size).toBe(250);
  });

  it('can select sources by name and rejects an unknown one', () => {
    expect(loadSources(sharedPath('data', 'eval-dev'), ['vicuna']).map((source) => source.name)).toEqual(['vicuna']);
    expect(() => loadSources(sharedPath('data', 'eval-dev'), ['nope'])).toThrow(/unknown source/);
  });

  it('names the file and line of a row without its label', () => {
    const dir = mkdtempSync(join(tmpdir(), 'refract-eval-'));
    writeFileSync(join(dir, 'vicuna_bench__question.jsonl'), '{"question_id": 1, "category": "generic", "turns": ["Hi"]}\n{"question_id": 2, "turns": ["Hi"]}\n');
    expect(() => loadSources(dir, ['vicuna'])).toThrow(/vicuna_bench__question\.jsonl:2: missing label "category"/);
  });
});
