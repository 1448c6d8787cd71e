/**
 * npm run eval:routing [-- --config refract.config.json] [--json out.json] [--rows 25] [--source vicuna]
 *
 * Routes the prompts of ../shared/data/eval-dev (or $REFRACT_SHARED_DIR/data/eval-dev) through
 * the router twice, with the keyword pre-router alone and with the shipped learned classifier, and
 * prints per labeled source how the labels map onto routed
 * categories and tiers (confusion tables), plus tier shares, mean complexity and routing time.
 * Use it to tune keyword rules and weights. Several router variants can be compared over the same
 * prompts: see `variants` below.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadRouter } from '@refract/cli';
import { createRouter, evalDevSplit, loadDefaultClassifier } from '@refract/core';
import { SHARED_DIR } from '@refract/test-support';
import { loadSources, SOURCES } from './eval/datasets';
import { evaluate } from './eval/evaluate';
import { formatReport } from './eval/format-report';
import { buildReport } from './eval/report';
import { routerVariant, type RouterVariant } from './eval/variants';

const HELP = `Usage: npm run eval:routing -- [--config file] [--json out.json] [--rows n] [--source name]... [--split test|all]

  --config <file>   router config to evaluate (default: the built-in catalog)
  --split <part>    "test" (default): only the held-out 20 % the shipped learned classifier never
                    saw, so the two variants compare fairly; "all": every prompt
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
      split: { type: 'string', default: 'test' },
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
  // `loadRouter` gives the router the config's classifier (the shipped learned one by default), as
  // `refract serve` does: `rules` is the same config without any classifier.
  const learned = loaded.router.classifier ? loaded.router : createRouter({ ...loaded.router.config, classifier: await loadDefaultClassifier() });
  const variants: RouterVariant[] = [
    routerVariant('rules', createRouter(loaded.router.config), `${loaded.source}, no classifier (keyword pre-router only)`),
    routerVariant('learned', learned, `${loaded.source}, ${learned.classifier?.name ?? 'no classifier'} below the confidence threshold`),
  ];

  if (values.split !== 'test' && values.split !== 'all') throw new Error(`--split must be test or all, got '${values.split}'`);
  const sources = loadSources(dataDir, values.source).map((source) =>
    values.split === 'all' ? source : { ...source, prompts: source.prompts.filter((prompt) => evalDevSplit(`${source.name}:${prompt.id}`) === 'test') },
  );
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
