/**
 * npm run eval:routing [-- --config refract.config.json] [--json out.json] [--rows 25] [--source vicuna]
 *
 * Routes every prompt of ../shared/data/eval-dev (or $REFRACT_SHARED_DIR/data/eval-dev) through
 * the router, with no classifier, and prints per labeled source how the labels map onto routed
 * categories and tiers (confusion tables), plus tier shares, mean complexity and routing time.
 * Use it to tune keyword rules and weights. Several router variants can be compared over the same
 * prompts: see `variants` below.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadRouter } from '@refract/cli';
import { SHARED_DIR } from '@refract/test-support';
import { loadSources, SOURCES } from './eval/datasets';
import { evaluate } from './eval/evaluate';
import { formatReport } from './eval/format-report';
import { buildReport } from './eval/report';
import { routerVariant, type RouterVariant } from './eval/variants';

const HELP = `Usage: npm run eval:routing -- [--config file] [--json out.json] [--rows n] [--source name]...

  --config <file>   router config to evaluate (default: the built-in catalog)
  --json <file>     also write the full report (every table row and every prompt's outcome) as JSON
  --rows <n>        rows per table in the terminal (default 25)
  --source <name>   only this source (repeatable): ${SOURCES.map((source) => source.name).join(', ')}

Data: $REFRACT_SHARED_DIR/data/eval-dev, default ../shared/data/eval-dev beside the repository.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      json: { type: 'string' },
      rows: { type: 'string', default: '25' },
      source: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const maxRows = Number(values.rows);
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new Error(`--rows must be a positive integer, got '${values.rows}'`);
  const dataDir = join(SHARED_DIR, 'data', 'eval-dev');
  if (!existsSync(dataDir)) throw new Error(`missing ${dataDir}: put the shared data beside the repository (../shared) or set REFRACT_SHARED_DIR`);

  const loaded = await loadRouter(values.config, process.cwd());
  for (const warning of loaded.warnings) process.stderr.write(`warning: ${warning}\n`);
  // The variants evaluated side by side over the same prompts. A learned classifier, another rule
  // set or cost mode is one more entry here; every table and the agreement line pick it up.
  const variants: RouterVariant[] = [routerVariant('default', loaded.router, `${loaded.source}, no classifier`)];

  const sources = loadSources(dataDir, values.source);
  const results = await evaluate(sources, variants);
  const labelFields = Object.fromEntries(sources.map((source) => [source.name, source.labelFields]));
  const report = buildReport(dataDir, variants, results, labelFields);
  process.stdout.write(formatReport(report, maxRows));
  if (values.json) {
    const path = resolve(values.json);
    await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\nwrote ${path}\n`);
  }
  return report.errors.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(error instanceof ConfigError ? error.describe() : `eval:routing: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
