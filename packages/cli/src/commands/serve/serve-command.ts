import { secretValues } from '@refract/adapters';
import { write, type CliIO } from '../../cli/cli-io';
import { EXIT, UsageError } from '../../cli/usage-error';
import { ConfigError } from '../../config/config-error';
import type { Command } from '../command';
import { redactingStream } from './redact';
import { parseServeArgs } from './serve-args';
import { startServe } from './start-serve';
import { waitForStopSignal } from './wait-for-stop-signal';

const HELP = `Usage:
  refract serve [--config refract.config.json] [--port 8787] [--host 127.0.0.1] [--allow-open]

Runs the OpenAI-compatible gateway: POST /v1/chat/completions (JSON and streams),
/v1/embeddings, /v1/route, GET /v1/models, /health, /metrics, tenant paths /api/{tenant}/v1/...
and, with REFRACT_ADMIN_TOKEN set, the admin API at /admin. Storage is in memory.

Providers: those the config file lists; without a config (or with no "providers" in it),
those found in the environment the way each vendor's SDK reads it: OPENAI_API_KEY
(+ OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID), ANTHROPIC_API_KEY (+ ANTHROPIC_BASE_URL),
AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or AWS_BEARER_TOKEN_BEDROCK) with AWS_REGION,
AZURE_OPENAI_ENDPOINT + AZURE_OPENAI_API_KEY (+ OPENAI_API_VERSION), GEMINI_API_KEY (or
GOOGLE_API_KEY), OLLAMA_HOST (models discovered at startup). With none at all, the built-in
"demo" provider answers (canned, deterministic answers, clearly labelled), so routing can be
tried on a fresh machine. "auto" routes only among the configured providers' models.

Access: with no tenants or keys in the config, one default tenant accepts any or no API key,
and only a loopback address may be bound (unless --allow-open). Tenants or serve.apiKeys in the
config, or keys created through the admin API, make keys required.

Options:
  -c, --config <file>         config file (JSON): router config plus an optional "serve" section
  -p, --port <n>              port, default 8787; 0 picks a free port (the banner shows it)
      --host <address>        address to bind, default 127.0.0.1
      --allow-open            allow binding a non-loopback address while no API key is required
      --shutdown-timeout <ms> on SIGINT/SIGTERM, wait this long for requests in flight (default 10000)
  -h, --help                  show this help

Exit codes: 0 stopped by SIGINT/SIGTERM; 2 bad arguments, invalid config, refused bind or port in use.
See packages/cli/README.md ("refract serve") and docs/api-reference.md.`;

/**
 * `refract serve`: the reference standalone server. Prints a banner, serves until SIGINT or
 * SIGTERM, then shuts down gracefully (requests in flight finish, records are flushed).
 *
 * @example
 * process.exitCode = await serveCommand.run(['--port', '8787'], processIO());
 */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the OpenAI-compatible gateway (providers from the environment or a config file)',
  help: HELP,
  async run(args: readonly string[], io: CliIO): Promise<number> {
    const options = parseServeArgs(args);
    if (options.help) {
      await write(io.stdout, `${HELP}\n`);
      return EXIT.ok;
    }
    // Every line this command prints goes through these: a provider key never reaches the output.
    const secrets = secretValues(io.env, []);
    const stdout = redactingStream(io.stdout, secrets);
    const stderr = redactingStream(io.stderr, secrets);
    const log = (line: string): void => void stderr.write(`${line}\n`);
    let running;
    try {
      running = await startServe({ ...options, env: io.env, cwd: io.cwd, log });
    } catch (error) {
      if (error instanceof ConfigError) {
        await write(stderr, error.describe());
        return EXIT.usage;
      }
      if (error instanceof UsageError) {
        await write(stderr, `refract serve: ${error.message}\n`);
        return EXIT.usage;
      }
      throw error;
    }
    for (const secret of running.secrets) if (!secrets.includes(secret)) secrets.push(secret);
    secrets.sort((a, b) => b.length - a.length);
    for (const warning of running.warnings) log(`refract: warning: ${warning}`);
    await write(stdout, running.banner);
    const signal = await waitForStopSignal();
    const inFlight = running.http.inFlight();
    await write(stdout, `\nrefract serve: ${signal}: stopping${inFlight > 0 ? `, waiting up to ${options.shutdownTimeoutMs} ms for ${inFlight} request(s) in flight` : ''}\n`);
    const report = await running.close();
    const { written, dropped, spilled } = report.records;
    await write(stdout, `refract serve: stopped; ${written} request record(s) written${dropped + spilled > 0 ? `, ${dropped} dropped, ${spilled} spilled` : ''}${report.cut > 0 ? `; ${report.cut} request(s) cut at the deadline` : ''}\n`);
    return EXIT.ok;
  },
};
