import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseCommandArgs } from '../../cli/parse-command-args';
import {
  CategorySet,
  EVAL_DEV_FILES,
  createRuleSetClassifier,
  evalDevSplit,
  evaluateClassifier,
  formatEvaluation,
  loadDefaultClassifier,
  loadLearnedClassifier,
  parseEvalDevFile,
  parseLabeledJsonl,
  type LabeledExample,
} from '@refract/core';
import { write, type CliIO } from '../../cli/cli-io';
import { EXIT, UsageError } from '../../cli/usage-error';
import type { Command } from '../command';

const HELP = `Usage:
  refract eval --model model.json|default --input labeled.jsonl [--baseline]
  refract eval --model model.json|default --eval-dev [dir] [--split test|train|all] [--baseline]

Prints the accuracy of a learned classifier on labeled prompts, with a confusion table.

Options:
  --model <file|default>   a model written by "refract train", or "default" (the one shipped)
  --input <file>           labeled JSONL (same format as "refract train")
  --eval-dev [dir]         the labeled development prompts (default: $REFRACT_SHARED_DIR/data/eval-dev,
                           else ../shared/data/eval-dev), labels mapped as in docs/classifier.md
  --split <part>           with --eval-dev: the held-out "test" part (default), "train" or "all"
  --baseline               also evaluate the keyword pre-router on the same examples
  -h, --help               show this help

Exit codes: 0 done; 1 the model or input could not be used; 2 bad arguments.`;

/**
 * `refract eval`: accuracy and a confusion table of a learned classifier.
 *
 * @example
 * await evalCommand.run(['--model', 'default', '--eval-dev'], processIO());
 */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'accuracy and confusion table of a learned classifier on labeled prompts',
  help: HELP,
  async run(args: readonly string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args: [...args],
      options: {
        model: { type: 'string' },
        input: { type: 'string' },
        'eval-dev': { type: 'boolean', default: false },
        split: { type: 'string', default: 'test' },
        baseline: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      await write(io.stdout, `${HELP}\n`);
      return EXIT.ok;
    }
    if (!values.model) throw new UsageError('--model is required');
    if (!values.input && !values['eval-dev']) throw new UsageError('give --input <file> or --eval-dev');
    const split = values.split;
    if (split !== 'test' && split !== 'train' && split !== 'all') throw new UsageError(`--split must be test, train or all, got '${split}'`);
    try {
      const classifier = values.model === 'default' ? await loadDefaultClassifier() : loadLearnedClassifier(await readFile(resolve(io.cwd, values.model), 'utf8'));
      const examples: LabeledExample[] = values.input
        ? parseLabeledJsonl(await readFile(resolve(io.cwd, values.input), 'utf8'), CategorySet.builtIn())
        : await loadEvalDev(resolve(io.cwd, positionals[0] ?? defaultEvalDevDirectory(io)), split);
      let out = formatEvaluation(await evaluateClassifier(classifier, examples));
      if (values.baseline) {
        out += `\n\n--- keyword pre-router (rule set only) on the same examples ---\n${formatEvaluation(await evaluateClassifier(createRuleSetClassifier(), examples))}`;
      }
      await write(io.stdout, `${out}\n`);
      return EXIT.ok;
    } catch (error) {
      await write(io.stderr, `refract eval: ${(error as Error).message}\n`);
      return EXIT.failed;
    }
  },
};

function defaultEvalDevDirectory(io: CliIO): string {
  const shared = io.env['REFRACT_SHARED_DIR'];
  return shared ? join(shared, 'data', 'eval-dev') : join('..', 'shared', 'data', 'eval-dev');
}

/** The eval-dev prompts with their mapped labels, optionally one side of the fixed 80/20 split. */
export async function loadEvalDev(directory: string, split: 'train' | 'test' | 'all'): Promise<LabeledExample[]> {
  const files = await Promise.all(Object.keys(EVAL_DEV_FILES).map(async (file) => parseEvalDevFile(file, await readFile(join(directory, file), 'utf8'))));
  const examples = files.flat();
  return split === 'all' ? examples : examples.filter((example) => evalDevSplit(example.id ?? '') === split);
}
