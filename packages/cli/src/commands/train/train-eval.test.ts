import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadLearnedClassifier } from '@refract/core';
import { SHARED_DIR } from '@refract/test-support';
import type { CliIO } from '../../cli/cli-io';
import { runCli } from '../../cli/run-cli';

function captureIO(cwd: string): CliIO & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { stdout, stderr, stdin: new PassThrough(), cwd, env: { REFRACT_SHARED_DIR: SHARED_DIR }, out: () => out, err: () => err };
}

const lines = [
  ...['translate this to French', 'please translate into German', 'how do you say hello in Spanish', 'translate the sentence below'].map((prompt) => ({ prompt, category: 'translation' })),
  ...['write a haiku about rain', 'a short poem about the sea', 'compose a limerick', 'write a tiny poem'].map((prompt) => ({ prompt, category: 'creative_writing_short' })),
  ...['fix this python bug: def f(x): return x +', 'debug my javascript function', 'why does my rust code panic', 'this go function crashes'].map((prompt) => ({ prompt, category: 'error_debugging' })),
];

describe('refract train and refract eval', () => {
  it('trains a model from JSONL deterministically and evaluates it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'refract-train-'));
    writeFileSync(join(dir, 'labeled.jsonl'), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const first = captureIO(dir);
    expect(await runCli(['train', '--input', 'labeled.jsonl', '--output', 'a.json', '--seed', '7', '--epochs', '5'], first)).toBe(0);
    expect(first.out()).toMatch(/trained on \d+ examples/);
    const again = captureIO(dir);
    expect(await runCli(['train', '--input', 'labeled.jsonl', '--output', 'b.json', '--seed', '7', '--epochs', '5'], again)).toBe(0);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
    expect(() => loadLearnedClassifier(readFileSync(join(dir, 'a.json'), 'utf8'))).not.toThrow();

    const evaluation = captureIO(dir);
    expect(await runCli(['eval', '--model', 'a.json', '--input', 'labeled.jsonl'], evaluation)).toBe(0);
    expect(evaluation.out()).toMatch(/accuracy/i);
  }, 60_000);

  it('evaluates the shipped model on the held-out eval-dev split', async () => {
    const io = captureIO(process.cwd());
    expect(await runCli(['eval', '--model', 'default', '--eval-dev'], io)).toBe(0);
    expect(io.out()).toMatch(/accuracy/i);
  }, 60_000);

  it('exits 2 on bad arguments and 1 on unreadable input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'refract-train-'));
    expect(await runCli(['train', '--output', 'x.json'], captureIO(dir))).toBe(2);
    expect(await runCli(['train', '--input', 'a', '--output', 'b', '--bogus'], captureIO(dir))).toBe(2);
    expect(await runCli(['train', '--input', 'missing.jsonl', '--output', 'b.json'], captureIO(dir))).toBe(1);
    writeFileSync(join(dir, 'bad.jsonl'), '{"prompt": "x", "category": "not_a_category"}\nnot json\n');
    const bad = captureIO(dir);
    expect(await runCli(['train', '--input', 'bad.jsonl', '--output', 'b.json'], bad)).toBe(1);
    expect(bad.err()).toMatch(/line/);
    expect(await runCli(['eval', '--model', 'default'], captureIO(dir))).toBe(2);
  });
});
