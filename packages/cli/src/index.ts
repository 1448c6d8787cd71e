/**
 * @refract/cli: the `refract` command line. `runCli` runs it in-process; each command is a
 * `Command` in `COMMANDS`.
 */
export { runCli, topLevelHelp, processIO, EXIT, UsageError, type CliIO } from './cli';
export { COMMANDS, explainCommand, type Command } from './commands';
export { decisionJson, formatDecision, demoPrompts, parseInputLine, promptRequest, errorJson, type DemoPrompt } from './commands/explain';
export { loadRouter, ConfigError, unknownKeys, type LoadedRouter } from './config';
export { formatTable, wrapText, type TableColumn } from './text';
