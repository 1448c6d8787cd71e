import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { write } from '../../cli/cli-io';
import { UsageError } from '../../cli/usage-error';
import { decisionJson } from './decision-json';
import { errorJson } from './error-json';
import type { ExplainRun } from './explain-options';
import { parseInputLine } from './request-input';

/**
 * `refract explain --input requests.jsonl` (`-` reads stdin): one request per line in, one JSON
 * line out, in order. A decision line is `{"line": n, ...decision}`; a line that cannot be read
 * or routed gives `{"line": n, "error": {code, message, issues?}}` and the run goes on. Blank
 * lines are skipped. Returns 1 when any line failed.
 */
export async function explainJsonl(run: ExplainRun, inputPath: string): Promise<number> {
  const input = inputPath === '-' ? run.io.stdin : await openInput(resolve(run.io.cwd, inputPath), inputPath);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let routed = 0;
  let failed = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim().length === 0) continue;
    let output: Record<string, unknown>;
    try {
      const { request, context } = parseInputLine(line, run.model);
      if (context.tenant === undefined && run.tenant !== undefined) context.tenant = run.tenant;
      const decision = await run.router.route(request, context);
      output = { line: lineNumber, ...decisionJson(decision, { full: run.full }) };
      routed += 1;
    } catch (error) {
      output = { line: lineNumber, error: errorJson(error) };
      failed += 1;
    }
    await write(run.io.stdout, `${JSON.stringify(output)}\n`);
  }
  const from = inputPath === '-' ? 'stdin' : inputPath;
  await write(run.io.stderr, `refract: explained ${routed + failed} request(s) from ${from}: ${routed} routed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

async function openInput(path: string, shown: string): Promise<NodeJS.ReadableStream> {
  try {
    const handle = await open(path, 'r');
    return handle.createReadStream({ encoding: 'utf8' });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`cannot read --input ${shown}: ${reason}`);
  }
}
