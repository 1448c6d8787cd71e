export { runCli, topLevelHelp } from './run-cli';
export { processIO, write, type CliIO } from './cli-io';
export { EXIT, UsageError } from './usage-error';
