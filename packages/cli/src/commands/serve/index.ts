export { serveCommand } from './serve-command';
export { startServe, type RunningServe, type StartServeOptions, type ShutdownReport } from './start-serve';
export { parseServeArgs, DEFAULT_HOST, DEFAULT_PORT, type ServeArgs } from './serve-args';
export { formatBanner, type BannerInput } from './banner';
export { isLoopbackHost } from './loopback';
export { redact, redactingStream, REDACTED } from './redact';
