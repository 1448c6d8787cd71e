import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDefaultClassifier, type ProviderAdapter } from '@refract/core';
import { scriptedAdapter } from '@refract/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier, parseClassifierSection } from './classifier-config';
import { ConfigError } from './config-error';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refract-classifier-config-'));
  const shipped = await loadDefaultClassifier();
  writeFileSync(join(dir, 'acme.json'), JSON.stringify({ ...shipped.model, name: 'acme' }));
  writeFileSync(join(dir, 'broken.json'), JSON.stringify({ version: 1, name: 'broken' }));
});

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('parseClassifierSection', () => {
  it('defaults to the shipped learned classifier; false turns classification off', () => {
    expect(parseClassifierSection(undefined, 'c.json')).toEqual({ learned: 'default' });
    expect(parseClassifierSection(true, 'c.json')).toEqual({ learned: 'default' });
    expect(parseClassifierSection(false, 'c.json')).toEqual({ learned: false });
    expect(parseClassifierSection({ learned: 'models/acme.json', threshold: 0.7 }, 'c.json')).toEqual({ learned: { path: 'models/acme.json' }, threshold: 0.7 });
    expect(parseClassifierSection({ learned: false, llm: { provider: 'openai', model: 'gpt-4o-mini', fallbacks: [{ provider: 'anthropic', model: 'claude-3-5-haiku' }], timeoutMs: 1500 } }, 'c.json')).toEqual({
      learned: false,
      llm: { models: [{ provider: 'openai', model: 'gpt-4o-mini' }, { provider: 'anthropic', model: 'claude-3-5-haiku' }], timeoutMs: 1500 },
    });
  });

  it('names every bad field at once', () => {
    const problems = problemsOf(() => parseClassifierSection({ learned: 3, treshold: 0.5, threshold: 2, llm: { provider: '', fallbacks: [{}, {}, {}], timeoutMs: -1 } }, 'c.json'));
    expect(problems).toEqual([
      'classifier.treshold: unknown key (use learned, llm or threshold)',
      'classifier.learned: must be true (the shipped model), false, or the path of a model written by "refract train"',
      'classifier.threshold: must be a number from 0 to 1',
      'classifier.llm.provider: must name a provider of the config (its "id")',
      "classifier.llm.model: must name the provider's model id",
      'classifier.llm.fallbacks: must be a list of at most two {"provider", "model"}',
      'classifier.llm.timeoutMs: must be a whole number of milliseconds from 1 to 120000',
    ]);
    expect(problemsOf(() => parseClassifierSection('learned', 'c.json'))[0]).toMatch(/^classifier: must be false or an object/);
  });
});

describe('buildClassifier', () => {
  it('loads the shipped model, or a trained model file relative to the config', async () => {
    const shipped = await buildClassifier({ learned: 'default' }, { cwd: dir, source: 'c.json' });
    expect(shipped.classifier?.name).toBe((await loadDefaultClassifier()).name);
    const own = await buildClassifier({ learned: { path: 'acme.json' } }, { cwd: dir, source: 'c.json' });
    expect(own.classifier?.name).toBe('learned:acme');
    expect(own.description).toContain('learned:acme');
    expect(await buildClassifier({ learned: false }, { cwd: dir, source: 'c.json' })).toEqual({ classifier: undefined, description: 'none (routing on the rule set signals alone)' });
  });

  it('refuses a missing or malformed model file with a ConfigError that says what to do', async () => {
    await expect(buildClassifier({ learned: { path: 'nope.json' } }, { cwd: dir, source: 'c.json' })).rejects.toThrow(/cannot read classifier.learned model nope.json \(from c.json\): no such file/);
    const error = await buildClassifier({ learned: { path: 'broken.json' } }, { cwd: dir, source: 'c.json' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('classifier.learned model broken.json is not a model written by "refract train"');
    expect((error as ConfigError).problems.length).toBeGreaterThan(0);
  });

  it('puts the LLM classifier behind the learned one, on the adapter of the named provider', async () => {
    const adapter: ProviderAdapter = scriptedAdapter('local', []);
    const section = parseClassifierSection({ llm: { provider: 'local', model: 'gpt-4o-mini' }, threshold: 0.8 }, 'c.json');
    const built = await buildClassifier(section, { cwd: dir, source: 'c.json', adapterFor: (id) => (id === 'local' ? adapter : undefined) });
    expect(built.classifier?.name).toBe(`cascade(${(await loadDefaultClassifier()).name}→llm:gpt-4o-mini)`);
    expect(built.description).toContain('when it is below 0.8');
    const local = await buildClassifier(section, { cwd: dir, source: 'c.json', localOnly: true });
    expect(local.classifier?.name).toBe((await loadDefaultClassifier()).name);
    await expect(buildClassifier(section, { cwd: dir, source: 'c.json', adapterFor: () => undefined })).rejects.toThrow('classifier.llm in c.json names a provider not being served: local');
  });
});
