/**
 * @refract/cli: the `refract` command line. `runCli` runs it in-process; each command is a
 * `Command` in `COMMANDS`.
 */
export { runCli, topLevelHelp, processIO, EXIT, UsageError, type CliIO } from './cli';
export { COMMANDS, explainCommand, serveCommand, startServe, type Command, type RunningServe, type StartServeOptions, type ShutdownReport } from './commands';
export { createNodeListener, startHttpServer, type RunningHttpServer } from './node-http';
export { decisionJson, formatDecision, demoPrompts, parseInputLine, promptRequest, errorJson, type DemoPrompt } from './commands/explain';
export { loadRouter, ConfigError, unknownKeys, type LoadedRouter } from './config';
export { formatTable, wrapText, type TableColumn } from './text';
