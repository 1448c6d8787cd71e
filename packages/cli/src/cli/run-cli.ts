import { COMMANDS, type Command } from '../commands';
import { write, type CliIO } from './cli-io';
import { EXIT, UsageError } from './usage-error';

/** The text of `refract --help`, listing `commands`. */
export function topLevelHelp(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  const list = commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`).join('\n');
  return `Usage: refract <command> [options]

Refract: an embeddable TypeScript LLM router.

Commands:
${list}

Run "refract <command> --help" for a command's options.`;
}

/**
 * Runs the `refract` command line and returns the exit code (0 done, 1 failed, 2 bad arguments
 * or config). Never calls `process.exit`, so it can run in-process (tests, other tools).
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), processIO());
 */
export async function runCli(argv: readonly string[], io: CliIO, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? commands.find((command) => command.name === rest[0]) : undefined;
    await write(name === undefined ? io.stderr : io.stdout, `${target ? target.help : topLevelHelp(commands)}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    await write(io.stderr, `refract: unknown command '${name}'\n\n${topLevelHelp(commands)}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      await write(io.stderr, `refract ${command.name}: ${error.message}\nRun "refract ${command.name} --help" for usage.\n`);
      return EXIT.usage;
    }
    await write(io.stderr, `refract ${command.name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}
