import type { Command } from './command';
import { evalCommand } from './eval';
import { explainCommand } from './explain';
import { serveCommand } from './serve';
import { trainCommand } from './train';

/**
 * Every `refract` command, in the order `refract --help` lists them. A new command is a folder
 * under `commands/` exporting a `Command`, added here.
 */
export const COMMANDS: readonly Command[] = [serveCommand, explainCommand, trainCommand, evalCommand];

export type { Command } from './command';
export { explainCommand } from './explain';
export { trainCommand } from './train';
export { evalCommand } from './eval';
export { serveCommand, startServe, type RunningServe, type StartServeOptions, type ShutdownReport } from './serve';
