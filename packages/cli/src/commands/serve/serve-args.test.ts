import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/usage-error';
import { redact } from './redact';
import { parseServeArgs } from './serve-args';

describe('parseServeArgs', () => {
  it('defaults to 127.0.0.1:8787 without a config, and reads every option', () => {
    expect(parseServeArgs([])).toEqual({ help: false, config: undefined, host: '127.0.0.1', port: 8787, allowOpen: false, shutdownTimeoutMs: 10_000 });
    expect(parseServeArgs(['--config', 'r.json', '--port', '0', '--host', '::1', '--allow-open', '--shutdown-timeout', '250'])).toEqual({ help: false, config: 'r.json', host: '::1', port: 0, allowOpen: true, shutdownTimeoutMs: 250 });
    expect(parseServeArgs(['-c', 'r.json', '-p', '9000']).port).toBe(9000);
  });

  it('refuses bad values and unknown options with a UsageError', () => {
    for (const args of [['--port', 'eighty'], ['--port', '-1'], ['--port', '1.5'], ['--port', ''], ['--host', 'a b'], ['--shutdown-timeout', 'soon'], ['--config', ''], ['--verbose'], ['extra']]) {
      expect(() => parseServeArgs(args), args.join(' ')).toThrow(UsageError);
    }
  });
});

describe('redact', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redact('key sk-aaaa and sk-aaaa-long, sk-aaaa', ['sk-aaaa-long', 'sk-aaaa'])).toBe('key [redacted] and [redacted], [redacted]');
    expect(redact('nothing here', ['sk-aaaa'])).toBe('nothing here');
  });
});
