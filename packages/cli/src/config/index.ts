export { loadRouter, type LoadedRouter } from './load-router';
export { ConfigError, configErrorFrom, isConfigProblem } from './config-error';
export { unknownKeys } from './unknown-keys';
export { readConfigFile } from './read-config-file';
