import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The executable entry, run the way bin/refract.js runs its built copy, but from source (tsx) so the
// test needs no build. bin/refract.js itself only imports dist/main.js.
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const REPO_ROOT = resolve(dirname(MAIN), '..', '..', '..');

function refract(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--conditions=@refract/source', '--import', 'tsx', MAIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('the refract process', () => {
  it('explains a JSONL file line by line, reports a malformed line and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'refract-bin-'));
    const input = join(dir, 'requests.jsonl');
    writeFileSync(input, ['{"prompt": "What is the capital of France?"}', '{"messages": [oops]}', '{"messages": [{"role": "user", "content": "Refactor this Java class to use records."}]}'].join('\n'));
    const { code, stdout, stderr } = await refract(['explain', '--input', input]);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line['line'], 'error' in line])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    expect(typeof lines[0]?.['model']).toBe('string');
    expect(stderr).toContain('2 routed, 1 failed');
  }, 60_000);

  it('prints a readable trace and exits 0; exits 2 on an unknown command', async () => {
    const explained = await refract(['explain', 'hello there']);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toMatch(/^Trace$/m);
    const unknown = await refract(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  }, 60_000);
});
