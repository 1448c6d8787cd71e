import { once } from 'node:events';

/** Where a command reads and writes. `processIO()` in the real CLI; captured streams in tests. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** Relative paths (`--config`, `--input`) resolve against this directory. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The IO of the running process.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), processIO());
 */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env };
}

/** Writes text and waits for the stream to drain when its buffer is full (large JSONL outputs). */
export async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}
