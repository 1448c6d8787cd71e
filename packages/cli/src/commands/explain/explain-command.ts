import { parseArgs } from 'node:util';
import { write, type CliIO } from '../../cli/cli-io';
import { EXIT, UsageError } from '../../cli/usage-error';
import { configErrorFrom, ConfigError, isConfigProblem } from '../../config/config-error';
import { loadRouter } from '../../config/load-router';
import type { Command } from '../command';
import { describeError } from './error-json';
import { explainDemo } from './explain-demo';
import { explainJsonl } from './explain-jsonl';
import type { ExplainRun } from './explain-options';
import { explainPrompt } from './explain-prompt';

const HELP = `Usage:
  refract explain "<prompt>" [--system "..."] [options]
  refract explain --input requests.jsonl [options]
  refract explain --demo [options]

Shows how Refract routes a request, without calling any provider: the chosen model and
provider, tier, category, complexity, confidence, cost mode, fallbacks, warnings, every trace
step (what it decided, why, how long it took) and the candidates it weighed. One throw-away
request is routed first, so durations are those of a warm router (not of a cold process).

Modes:
  "<prompt>"            explain one prompt (words after "explain" are joined with spaces)
  --input <file>        one request per line, either {"messages": [...], ...} (a chat request)
                        or {"prompt": "...", "system": "..."}; either may add "tenant" and
                        chat-request fields (model, tools, max_tokens, ...). Writes one JSON
                        line per input line: {"line": n, ...decision} or {"line": n, "error":
                        {...}}. A bad line does not stop the run. "-" reads stdin.
  --demo                explain five sample requests (small talk, coding, legal, long context,
                        image); what "npm start" runs

Options:
  --config <file>       router config (JSON, validated); default: the built-in catalog, every
                        catalog model at its own provider. Its "classifier" section picks the
                        classifier asked when the rule set is unsure: the shipped learned one by
                        default, a "refract train" model, or false for none (the LLM classifier
                        is never called here)
  --system <text>       system prompt for "<prompt>"
  --tenant <slug>       route as this tenant (default: the config's defaultTenant)
  --model <name>        requested model (default: auto); a concrete model shows what the
                        force-route mode does with it
  --json                print the decision as JSON instead of the readable trace
  --full                with --json or --input: keep "request", the full request the router
                        would send (left out by default: it repeats every message)
  -h, --help            show this help

Exit codes: 0 done; 1 the request could not be routed (or, with --input, any line failed);
2 bad arguments or an invalid config file.`;

/**
 * `refract explain`: prints the routing decision and trace for a prompt, a JSONL file of
 * requests, or the built-in demo prompts.
 *
 * @example
 * const exitCode = await explainCommand.run(['Hello there', '--json'], processIO());
 */
export const explainCommand: Command = {
  name: 'explain',
  summary: 'show how a prompt (or a JSONL file of requests) is routed, with the full trace',
  help: HELP,
  async run(args: readonly string[], io: CliIO): Promise<number> {
    const options = parseExplainArgs(args);
    if (options.help) {
      await write(io.stdout, `${HELP}\n`);
      return EXIT.ok;
    }
    let source: string;
    let run: ExplainRun;
    try {
      const loaded = await loadRouter(options.config, io.cwd);
      for (const warning of loaded.warnings) await write(io.stderr, `refract: warning: ${warning}\n`);
      source = loaded.source;
      run = { router: loaded.router, source, io, json: options.json, full: options.full, model: options.model, tenant: options.tenant };
    } catch (error) {
      if (error instanceof ConfigError) {
        await write(io.stderr, error.describe());
        return EXIT.usage;
      }
      throw error;
    }
    await warmUp(run);
    try {
      if (options.input !== undefined) return await explainJsonl(run, options.input);
      if (options.demo) return await explainDemo(run);
      return await explainPrompt(run, options.prompt ?? '', options.system);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      if (isConfigProblem(error)) {
        await write(io.stderr, configErrorFrom(error, source).describe());
        return EXIT.usage;
      }
      await write(io.stderr, describeError(error));
      return EXIT.failed;
    }
  },
};

/**
 * The first `route()` of a new router loads the catalog, tenant and rule-set caches (around
 * 100 ms); a server pays that once. One throw-away request first makes the durations in the trace
 * those of a warm router. Errors are ignored here: the real request reports them.
 */
async function warmUp(run: ExplainRun): Promise<void> {
  try {
    await run.router.route({ model: 'auto', messages: [{ role: 'user', content: 'warm up' }] }, run.tenant === undefined ? {} : { tenant: run.tenant });
  } catch {
    // reported by the real request
  }
}

interface ExplainArgs {
  help: boolean;
  prompt: string | undefined;
  input: string | undefined;
  demo: boolean;
  config: string | undefined;
  system: string | undefined;
  tenant: string | undefined;
  model: string;
  json: boolean;
  full: boolean;
}

function parseExplainArgs(args: readonly string[]): ExplainArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        input: { type: 'string' },
        demo: { type: 'boolean' },
        config: { type: 'string' },
        system: { type: 'string' },
        tenant: { type: 'string' },
        model: { type: 'string' },
        json: { type: 'boolean' },
        full: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const prompt = positionals.length > 0 ? positionals.join(' ') : undefined;
  const result: ExplainArgs = {
    help: values.help ?? false,
    prompt,
    input: values.input,
    demo: values.demo ?? false,
    config: values.config,
    system: values.system,
    tenant: values.tenant,
    model: values.model ?? 'auto',
    json: values.json ?? false,
    full: values.full ?? false,
  };
  if (result.help) return result;
  const modes = [prompt !== undefined, result.input !== undefined, result.demo].filter(Boolean).length;
  if (modes === 0) throw new UsageError('give a prompt, --input <file> or --demo');
  if (modes > 1) throw new UsageError('give only one of a prompt, --input <file> or --demo');
  if (prompt !== undefined && prompt.trim().length === 0) throw new UsageError('the prompt is empty');
  if (result.system !== undefined && prompt === undefined) throw new UsageError('--system goes with a prompt; in --input files put "system" on each line');
  if (result.input !== undefined && result.input.length === 0) throw new UsageError('--input needs a file path (or - for stdin)');
  if (result.model.trim().length === 0) throw new UsageError('--model needs a model name');
  return result;
}
