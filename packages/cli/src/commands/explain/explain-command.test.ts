import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRouter, loadDefaultClassifier, type RouteDecision, type RouterConfigInput } from '@refract/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli';
import { captureIO } from '../../testing/capture-io';
import { demoPrompts } from './demo-prompts';

const TWO_PROVIDERS = {
  providers: [
    { id: 'openai', models: ['gpt-4o-mini', 'gpt-4o'] },
    { id: 'anthropic', type: 'anthropic', models: ['claude-3-5-haiku', 'claude-sonnet-4'] },
  ],
  tenants: [{ slug: 'no-openai', models: { deny: ['openai/*'] } }],
};

/** What `refract explain` routes with: the config and the shipped learned classifier. */
async function servedRouter(config: RouterConfigInput = {}) {
  return createRouter({ ...config, classifier: await loadDefaultClassifier() });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'refract-cli-'));
  writeFileSync(join(dir, 'two.json'), JSON.stringify(TWO_PROVIDERS));
});

async function run(args: string[], options: { stdin?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = captureIO({ cwd: dir, ...options });
  const code = await runCli(args, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

function parseLines(text: string): Record<string, unknown>[] {
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('refract explain: the classifier section of the config', () => {
  const unsure = 'Tell me about the history of the Roman aqueducts.';

  it('asks the shipped learned classifier by default; "classifier": false routes on the rule set alone', async () => {
    const learned = await run(['explain', unsure, '--config', 'two.json', '--json']);
    expect(learned.code).toBe(0);
    expect((JSON.parse(learned.stdout) as RouteDecision).classifier).toBe((await loadDefaultClassifier()).name);

    writeFileSync(join(dir, 'no-classifier.json'), JSON.stringify({ ...TWO_PROVIDERS, classifier: false }));
    const plain = await run(['explain', unsure, '--config', 'no-classifier.json', '--json']);
    expect(plain.stderr).toBe('');
    const decision = JSON.parse(plain.stdout) as RouteDecision;
    const expected = await createRouter(TWO_PROVIDERS).route({ model: 'auto', messages: [{ role: 'user', content: unsure }] });
    expect(decision.classifier).toBeUndefined();
    expect([decision.provider, decision.model, decision.tier, decision.category]).toEqual([expected.provider, expected.model, expected.tier, expected.category]);
  });

  it('says that it does not call the LLM classifier, and rejects a bad section with exit 2', async () => {
    writeFileSync(join(dir, 'llm.json'), JSON.stringify({ ...TWO_PROVIDERS, classifier: { llm: { provider: 'openai', model: 'gpt-4o-mini' } } }));
    const withLlm = await run(['explain', unsure, '--config', 'llm.json', '--json']);
    expect(withLlm.code).toBe(0);
    expect(withLlm.stderr).toContain("refract: warning: llm.json: classifier.llm is not asked here (no provider is called), so a decision it would change can differ from refract serve's");

    writeFileSync(join(dir, 'bad-classifier.json'), JSON.stringify({ ...TWO_PROVIDERS, classifier: { learned: 'missing-model.json' } }));
    const bad = await run(['explain', unsure, '--config', 'bad-classifier.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('refract: cannot read classifier.learned model missing-model.json (from bad-classifier.json): no such file');
  });
});

describe('refract explain "<prompt>"', () => {
  const prompt = 'Write a Python function that merges two sorted lists, with unit tests.';

  it('prints the decision the router makes, every trace step and the candidates', async () => {
    const expected = await (await servedRouter()).route({ model: 'auto', messages: [{ role: 'user', content: prompt }] });
    const { code, stdout, stderr } = await run(['explain', prompt]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`Prompt: "${prompt}"`);
    expect(stdout).toMatch(new RegExp(`model\\s+${expected.provider}/${expected.model}\\n`));
    expect(stdout).toMatch(new RegExp(`tier\\s+${expected.tier}\\n`));
    expect(stdout).toMatch(new RegExp(`category\\s+${expected.category}\\n`));
    expect(stdout).toMatch(new RegExp(`complexity\\s+${expected.complexity.toFixed(3)}\\n`));
    expect(stdout).toMatch(new RegExp(`cost mode\\s+${expected.costMode}\\n`));
    for (const [index, step] of expected.trace.entries()) expect(stdout).toContain(`${String(index + 1).padStart(2)}. ${step.name}  (`);
    expect(stdout).toContain('Candidates (best first');
    expect(stdout).toContain(`${expected.provider}/${expected.model} *`);
  });

  it('--json prints the RouteDecision without the request; --full keeps it', async () => {
    const expected = await (await servedRouter()).route({ model: 'auto', messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: prompt }] });
    const plain = await run(['explain', prompt, '--system', 'You are terse.', '--json']);
    expect(plain.code).toBe(0);
    const decision = JSON.parse(plain.stdout) as RouteDecision;
    expect(decision).not.toHaveProperty('request');
    expect({ model: decision.model, provider: decision.provider, tier: decision.tier, category: decision.category, fallbacks: decision.fallbacks }).toEqual({
      model: expected.model,
      provider: expected.provider,
      tier: expected.tier,
      category: expected.category,
      fallbacks: expected.fallbacks,
    });
    expect(decision.signals.systemPrompt).toBe('You are terse.');
    expect(decision.trace.map((step) => step.name)).toEqual(expected.trace.map((step) => step.name));

    const full = JSON.parse((await run(['explain', prompt, '--json', '--full'])).stdout) as RouteDecision;
    expect(full.request.messages).toEqual([{ role: 'user', content: prompt }]);
  });

  it('joins several words into one prompt', async () => {
    const decision = JSON.parse((await run(['explain', 'hello', 'there', 'friend', '--json'])).stdout) as RouteDecision;
    expect(decision.signals.lastUserMessage).toBe('hello there friend');
  });

  it('--config routes over the configured providers only, --tenant applies the tenant policy', async () => {
    const configured = JSON.parse((await run(['explain', prompt, '--config', 'two.json', '--json'])).stdout) as RouteDecision;
    expect(['openai', 'anthropic']).toContain(configured.provider);
    for (const fallback of configured.fallbacks) expect(['openai', 'anthropic']).toContain(fallback.provider);

    const denied = JSON.parse((await run(['explain', prompt, '--config', 'two.json', '--tenant', 'no-openai', '--json'])).stdout) as RouteDecision;
    expect(denied.tenant).toBe('no-openai');
    expect(denied.provider).toBe('anthropic');
    expect(denied.fallbacks.every((fallback) => fallback.provider === 'anthropic')).toBe(true);
  });

  it('--model keeps a concrete model under the default force-route mode', async () => {
    const decision = JSON.parse((await run(['explain', prompt, '--config', 'two.json', '--model', 'gpt-4o', '--json'])).stdout) as RouteDecision;
    expect(decision.mode).toBe('explicit');
    expect(decision.model).toBe('gpt-4o');
  });

  it('exits 1 with the error code when the request cannot be routed', async () => {
    const unknownTenant = await run(['explain', prompt, '--tenant', 'nobody']);
    expect(unknownTenant.code).toBe(1);
    expect(unknownTenant.stderr).toContain('REFRACT_ERR_TENANT_UNKNOWN');
    expect(unknownTenant.stdout).toBe('');

    const denied = await run(['explain', prompt, '--config', 'two.json', '--tenant', 'no-openai', '--model', 'gpt-4o']);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('REFRACT_ERR_MODEL_NOT_ALLOWED');
  });

  it.each([
    [['explain'], 'give a prompt, --input <file> or --demo'],
    [['explain', 'hi', '--demo'], 'only one of'],
    [['explain', '--demo', '--input', 'x.jsonl'], 'only one of'],
    [['explain', '--input', 'x.jsonl', '--system', 's'], '--system goes with a prompt'],
    [['explain', ' '], 'the prompt is empty'],
    [['explain', 'hi', '--colour'], "Unknown option '--colour'"],
    [['explain', 'hi', '--config'], "'--config <value>' argument missing"],
  ])('exits 2 on bad arguments: %j', async (args, message) => {
    const { code, stderr, stdout } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });

  it('--help prints the explain help and exits 0', async () => {
    const { code, stdout } = await run(['explain', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('refract explain --input requests.jsonl');
    expect(stdout).toContain('Exit codes');
  });
});

describe('refract explain --config errors', () => {
  function writeConfig(name: string, text: string): string {
    writeFileSync(join(dir, name), text);
    return name;
  }

  it('lists every invalid field with its path and the fix, and exits 2', async () => {
    const file = writeConfig('bad.json', JSON.stringify({ providers: [{ id: 'Open AI', models: [] }], routing: { costMode: 'cheap' } }));
    const { code, stderr, stdout } = await run(['explain', 'hi', '--config', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`invalid router config in ${file}`);
    expect(stderr).toContain('  - providers.0.id: provider ids are lowercase');
    expect(stderr).toContain('  - providers.0.models: a provider needs at least one model');
    expect(stderr).toMatch(/ {2}- routing\.costMode: .*"economy"\|"balanced"\|"quality"/);
    expect(stderr).toContain(`Fix these fields in ${file}`);
  });

  it('reports a rule set the config names but does not define (found on first use) as a config error', async () => {
    const file = writeConfig('no-rule-set.json', JSON.stringify({ routing: { ruleSet: 'missing' } }));
    const { code, stderr } = await run(['explain', 'hi', '--config', file]);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown rule set 'missing'");
  });

  it.each([
    ['a missing file', 'nope.json', undefined, 'cannot read config file nope.json: no such file'],
    ['text that is not JSON', 'broken.json', '{"providers": [', 'broken.json is not valid JSON'],
    ['JSON that is not an object', 'array.json', '[]', 'must hold a JSON object, not an array'],
  ])('exits 2 on %s', async (_name, file, text, message) => {
    if (text !== undefined) writeConfig(file, text);
    const { code, stderr } = await run(['explain', 'hi', '--config', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('warns about keys the schema does not know and still routes', async () => {
    const file = writeConfig('typo.json', JSON.stringify({ $schema: './refract.schema.json', provders: [], routing: { costMod: 'economy' } }));
    const { code, stderr } = await run(['explain', 'hi', '--config', file, '--json']);
    expect(code).toBe(0);
    expect(stderr).toContain(`warning: ${file}: unknown key 'provders' is ignored`);
    expect(stderr).toContain("unknown key 'routing.costMod' is ignored");
    expect(stderr).not.toContain('$schema');
  });
});

describe('refract explain --input', () => {
  const lines = [
    JSON.stringify({ messages: [{ role: 'user', content: 'Translate "good morning" into French.' }] }),
    '',
    JSON.stringify({ prompt: 'Prove that the square root of 2 is irrational.', system: 'You are a mathematician.' }),
    '{"prompt": "unterminated',
    JSON.stringify({ messages: 'not a list' }),
    JSON.stringify({ prompt: 'Hello', tenant: 'nobody' }),
    JSON.stringify({ prompt: 'Summarize this article in one line.', tenant: 'no-openai' }),
  ];

  it('writes one JSON line per request in order; bad lines give an error line with their number; exit 1', async () => {
    writeFileSync(join(dir, 'mixed.jsonl'), `${lines.join('\n')}\n`);
    const { code, stdout, stderr } = await run(['explain', '--input', 'mixed.jsonl', '--config', 'two.json']);
    expect(code).toBe(1);
    const out = parseLines(stdout);
    expect(out.map((entry) => entry['line'])).toEqual([1, 3, 4, 5, 6, 7]);

    const router = await servedRouter(TWO_PROVIDERS);
    const first = await router.route({ model: 'auto', messages: [{ role: 'user', content: 'Translate "good morning" into French.' }] });
    expect(out[0]).toMatchObject({ line: 1, model: first.model, provider: first.provider, tier: first.tier, category: first.category });
    expect(out[0]).not.toHaveProperty('request');
    expect((out[1]?.['signals'] as RouteDecision['signals']).systemPrompt).toBe('You are a mathematician.');

    expect(out[2]).toMatchObject({ line: 4, error: { code: 'invalid_input_line' } });
    expect(String((out[2]?.['error'] as { message: string }).message)).toContain('not valid JSON');
    expect(out[3]).toMatchObject({ line: 5, error: { code: 'REFRACT_ERR_VALIDATION', issues: [{ path: 'messages' }] } });
    expect(out[4]).toMatchObject({ line: 6, error: { code: 'REFRACT_ERR_TENANT_UNKNOWN' } });
    expect(out[5]).toMatchObject({ line: 7, tenant: 'no-openai', provider: 'anthropic' });
    expect(stderr).toContain('explained 6 request(s) from mixed.jsonl: 3 routed, 3 failed');
  });

  it('exits 0 when every line routes, and reads stdin for "-"', async () => {
    const good = [lines[0], lines[2]].join('\r\n');
    const { code, stdout } = await run(['explain', '--input', '-', '--tenant', 'no-openai', '--config', 'two.json'], { stdin: good });
    expect(code).toBe(0);
    const out = parseLines(stdout);
    expect(out.map((entry) => [entry['line'], entry['tenant'], entry['provider']])).toEqual([
      [1, 'no-openai', 'anthropic'],
      [2, 'no-openai', 'anthropic'],
    ]);
  });

  it('exits 2 when the input file cannot be read', async () => {
    const { code, stderr } = await run(['explain', '--input', 'missing.jsonl']);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot read --input missing.jsonl: no such file');
  });
});

describe('refract explain --demo', () => {
  it('prints the trace of every sample request', async () => {
    const { code, stdout } = await run(['explain', '--demo']);
    expect(code).toBe(0);
    const demos = demoPrompts();
    for (const [index, demo] of demos.entries()) expect(stdout).toContain(`=== ${index + 1}/${demos.length} ${demo.label} `);
    expect(stdout.match(/^Trace$/gm)).toHaveLength(demos.length);
  });

  it('covers small talk, code, a system prompt, a long context and an image (--json)', async () => {
    const { code, stdout } = await run(['explain', '--demo', '--json']);
    expect(code).toBe(0);
    const out = parseLines(stdout) as unknown as (RouteDecision & { demo: string })[];
    expect(out.map((entry) => entry.demo)).toEqual(demoPrompts().map((demo) => demo.label));
    const byLabel = new Map(out.map((entry) => [entry.demo, entry]));
    expect(byLabel.get('coding')?.signals.hasCode).toBe(true);
    expect(byLabel.get('legal, with a system prompt')?.signals.domains).toContain('legal');
    expect(byLabel.get('long context')?.estimatedInputTokens).toBeGreaterThan(100_000);
    expect(byLabel.get('image')?.signals.hasImages).toBe(true);
  });
});
