import { Readable, Writable } from 'node:stream';
import type { CliIO } from '../cli/cli-io';

/** A `CliIO` whose output is collected in memory, for running commands in-process in tests. */
export interface CapturedIO {
  io: CliIO;
  stdout(): string;
  stderr(): string;
}

/**
 * Captures stdout and stderr; `stdin` is the given text.
 *
 * @example
 * const captured = captureIO({ cwd: dir });
 * await runCli(['explain', 'hi'], captured.io);
 * captured.stdout();
 */
export function captureIO(options: { cwd?: string; stdin?: string } = {}): CapturedIO {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (chunks: string[]): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(chunk.toString());
        callback();
      },
    });
  return {
    io: {
      stdout: sink(out),
      stderr: sink(err),
      stdin: Readable.from([options.stdin ?? '']),
      cwd: options.cwd ?? process.cwd(),
      env: {},
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
