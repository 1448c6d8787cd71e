import { Writable } from 'node:stream';

/** What replaces a secret in output. */
export const REDACTED = '[redacted]';

/** `text` with every occurrence of every secret replaced by `[redacted]` (longest secrets first). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * A stream that writes to `target` with every secret replaced. `refract serve` writes all its
 * output (banner, warnings, errors, record-writer logs) through two of these, so a provider key
 * that ends up in an error message never reaches a terminal or a log file.
 */
export function redactingStream(target: NodeJS.WritableStream, secrets: readonly string[]): NodeJS.WritableStream {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      const text = redact(chunk.toString(), secrets);
      if (target.write(text)) callback();
      else target.once('drain', () => callback());
    },
  });
}
