import { describe, expect, it } from 'vitest';
import type { Command } from '../commands/command';
import { captureIO } from '../testing/capture-io';
import { runCli, topLevelHelp } from './run-cli';
import { UsageError } from './usage-error';

const echo: Command = {
  name: 'echo',
  summary: 'prints its arguments',
  help: 'Usage: refract echo <words>',
  async run(args, io) {
    if (args.includes('--bad')) throw new UsageError('--bad is not an option');
    if (args.includes('--crash')) throw new Error('boom');
    io.stdout.write(`${args.join(' ')}\n`);
    return args.length > 0 ? 0 : 1;
  },
};

describe('runCli', () => {
  it('prints the top-level help on --help, -h and help, and exits 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const captured = captureIO();
      expect(await runCli([flag], captured.io)).toBe(0);
      expect(captured.stdout()).toContain('Usage: refract <command>');
      expect(captured.stdout()).toMatch(/explain\s+show how a prompt/);
    }
  });

  it('prints a command help on "help <command>"', async () => {
    const captured = captureIO();
    expect(await runCli(['help', 'explain'], captured.io)).toBe(0);
    expect(captured.stdout()).toContain('refract explain --input requests.jsonl');
  });

  it('prints the help to stderr and exits 2 without a command', async () => {
    const captured = captureIO();
    expect(await runCli([], captured.io)).toBe(2);
    expect(captured.stderr()).toContain('Usage: refract <command>');
    expect(captured.stdout()).toBe('');
  });

  it('names an unknown command, prints the help and exits 2', async () => {
    const captured = captureIO();
    expect(await runCli(['serve-me'], captured.io)).toBe(2);
    expect(captured.stderr()).toContain("unknown command 'serve-me'");
    expect(captured.stderr()).toContain('Commands:');
  });

  it('dispatches to the named command with the remaining arguments and returns its exit code', async () => {
    const captured = captureIO();
    expect(await runCli(['echo', 'a', 'b'], captured.io, [echo])).toBe(0);
    expect(captured.stdout()).toBe('a b\n');
    expect(await runCli(['echo'], captureIO().io, [echo])).toBe(1);
  });

  it('turns a UsageError into exit 2 with a pointer to the command help', async () => {
    const captured = captureIO();
    expect(await runCli(['echo', '--bad'], captured.io, [echo])).toBe(2);
    expect(captured.stderr()).toContain('refract echo: --bad is not an option');
    expect(captured.stderr()).toContain('refract echo --help');
  });

  it('reports an unexpected error with exit 1 instead of crashing', async () => {
    const captured = captureIO();
    expect(await runCli(['echo', '--crash'], captured.io, [echo])).toBe(1);
    expect(captured.stderr()).toContain('unexpected error');
    expect(captured.stderr()).toContain('boom');
  });

  it('lists every command with its summary', () => {
    expect(topLevelHelp([echo])).toMatch(/echo\s+prints its arguments/);
  });
});
