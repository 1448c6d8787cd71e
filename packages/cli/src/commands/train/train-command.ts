import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseCommandArgs } from '../../cli/parse-command-args';
import { CategorySet, parseLabeledJsonl, trainClassifier } from '@refract/core';
import { write, type CliIO } from '../../cli/cli-io';
import { EXIT, UsageError } from '../../cli/usage-error';
import type { Command } from '../command';

const HELP = `Usage:
  refract train --input labeled.jsonl --output model.json [--seed N] [--name NAME] [--epochs N]
                [--no-category-examples]

Fits the learned local classifier (multinomial logistic regression over hashed word and
character n-grams plus routing signals) on your labeled prompts and writes it as compact JSON.
Deterministic for a given seed. Load it with loadLearnedClassifier() (see docs/classifier.md).

Each input line is {"messages": [...]} or {"prompt": "..."} with "category" (a category key, a
tier name, or a 0-1 difficulty) and/or "complexity" (a tier or a difficulty).

Options:
  --input <file>            labeled JSONL (required)
  --output <file>           where to write the model JSON (required)
  --seed <n>                random seed (default 1)
  --name <name>             a name stored in the model
  --epochs <n>              training epochs (default: the trainer's)
  --no-category-examples    do not add the built-in categories' examples to the training set
  -h, --help                show this help

Exit codes: 0 trained; 1 the input could not be used; 2 bad arguments.`;

/**
 * `refract train`: fits a learned classifier from labeled JSONL.
 *
 * @example
 * await trainCommand.run(['--input', 'labeled.jsonl', '--output', 'model.json'], processIO());
 */
export const trainCommand: Command = {
  name: 'train',
  summary: 'fit a learned local classifier on labeled prompts (JSONL) and write it as JSON',
  help: HELP,
  async run(args: readonly string[], io: CliIO): Promise<number> {
    const { values } = parseCommandArgs({
      args: [...args],
      options: {
        input: { type: 'string' },
        output: { type: 'string' },
        seed: { type: 'string', default: '1' },
        name: { type: 'string' },
        epochs: { type: 'string' },
        'no-category-examples': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    if (values.help) {
      await write(io.stdout, `${HELP}\n`);
      return EXIT.ok;
    }
    if (!values.input || !values.output) throw new UsageError('--input and --output are required');
    const seed = Number(values.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got '${values.seed}'`);
    const epochs = values.epochs === undefined ? undefined : Number(values.epochs);
    if (epochs !== undefined && (!Number.isInteger(epochs) || epochs < 1)) throw new UsageError(`--epochs must be a positive integer, got '${values.epochs}'`);
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, values.input), 'utf8');
    } catch (error) {
      await write(io.stderr, `refract train: cannot read ${values.input}: ${(error as Error).message}\n`);
      return EXIT.failed;
    }
    try {
      const examples = parseLabeledJsonl(text, CategorySet.builtIn());
      const { model, report } = trainClassifier(examples, {
        seed,
        ...(values.name ? { name: values.name } : {}),
        ...(epochs !== undefined ? { epochs } : {}),
        ...(values['no-category-examples'] ? { categoryExampleWeight: 0 } : {}),
      });
      await writeFile(resolve(io.cwd, values.output), `${JSON.stringify(model)}\n`);
      const lines = [
        `trained on ${report.examples} examples (${report.categoryLabels} category labels, ${report.tierLabels} tier labels, tier mode ${report.tierMode})`,
        `kept ${report.storedFeatures} features, ${report.storedWeights} weights: ${(report.sizeBytes / 1024).toFixed(0)} KB in ${(report.durationMs / 1000).toFixed(1)} s`,
      ];
      if (report.calibration) {
        const calibration = report.calibration;
        lines.push(`calibration split (${calibration.examples}): category ${(calibration.categoryAccuracy * 100).toFixed(1)}%, tier ${(calibration.tierAccuracy * 100).toFixed(1)}%, temperature ${calibration.categoryTemperature}`);
      }
      lines.push(`wrote ${values.output}`);
      await write(io.stdout, `${lines.join('\n')}\n`);
      return EXIT.ok;
    } catch (error) {
      await write(io.stderr, `refract train: ${(error as Error).message}\n`);
      return EXIT.failed;
    }
  },
};
