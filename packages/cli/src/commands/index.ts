import type { Command } from './command';
import { explainCommand } from './explain';
import { serveCommand } from './serve';

/**
 * Every `refract` command, in the order `refract --help` lists them. A new command (serve, train,
 * eval, …) is a folder under `commands/` exporting a `Command`, added here.
 */
export const COMMANDS: readonly Command[] = [serveCommand, explainCommand];

export type { Command } from './command';
export { explainCommand } from './explain';
export { serveCommand, startServe, type RunningServe, type StartServeOptions, type ShutdownReport } from './serve';
