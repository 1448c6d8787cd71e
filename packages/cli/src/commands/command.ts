import type { CliIO } from '../cli/cli-io';

/**
 * One `refract <name>` command. Each lives in its own folder under `commands/` and is listed in
 * `commands/index.ts`; the dispatcher, the top-level help and the exit codes come for free.
 */
export interface Command {
  name: string;
  /** One line for `refract --help`. */
  summary: string;
  /** The full help text of `refract <name> --help`. */
  help: string;
  /**
   * Runs the command with the arguments after its name and returns the exit code. Throws
   * `UsageError` for bad arguments (exit 2).
   */
  run(args: readonly string[], io: CliIO): Promise<number>;
}
