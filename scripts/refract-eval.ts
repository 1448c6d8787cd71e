/**
 * `refract eval`: accuracy and confusion tables of a learned model on labeled prompts.
 *
 *   tsx scripts/refract-eval.ts --model model.json --input labeled.jsonl [--baseline]
 *   tsx scripts/refract-eval.ts --model default --eval-dev [--split test|train|all] [--baseline]
 *
 * `--model default` is the model shipped in @refract/core; `--eval-dev` reads ../shared/data/eval-dev
 * with the documented label mapping; `--baseline` also evaluates the keyword pre-router (the
 * rule set alone) on the same examples.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CategorySet, createRuleSetClassifier, evaluateClassifier, formatEvaluation, loadDefaultClassifier, loadLearnedClassifier, parseLabeledJsonl, type LabeledExample } from '@refract/core';
import { loadEvalDev } from './eval-dev-data';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    input: { type: 'string' },
    'eval-dev': { type: 'boolean', default: false },
    split: { type: 'string', default: 'test' },
    baseline: { type: 'boolean', default: false },
  },
});

if (!values.model || (!values.input && !values['eval-dev'])) {
  console.error('usage: refract-eval --model model.json|default (--input labeled.jsonl | --eval-dev [--split test|train|all]) [--baseline]');
  process.exit(2);
}
const split = values.split;
if (split !== 'test' && split !== 'train' && split !== 'all') {
  console.error(`--split must be test, train or all, got '${split}'`);
  process.exit(2);
}
try {
  const classifier = values.model === 'default' ? await loadDefaultClassifier() : loadLearnedClassifier(readFileSync(values.model, 'utf8'));
  const examples: LabeledExample[] = values.input ? parseLabeledJsonl(readFileSync(values.input, 'utf8'), CategorySet.builtIn()) : loadEvalDev(undefined, split);
  console.log(formatEvaluation(await evaluateClassifier(classifier, examples)));
  if (values.baseline) {
    console.log('\n--- keyword pre-router (rule set only) on the same examples ---');
    console.log(formatEvaluation(await evaluateClassifier(createRuleSetClassifier(), examples)));
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
