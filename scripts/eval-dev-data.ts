import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EVAL_DEV_FILES, evalDevSplit, parseEvalDevFile, type LabeledExample } from '@refract/core';

/** `../shared/data/eval-dev` beside the repository, or `$REFRACT_SHARED_DIR/data/eval-dev`. */
export function evalDevDirectory(): string {
  const shared = process.env['REFRACT_SHARED_DIR'] ?? resolve(import.meta.dirname, '..', '..', 'shared');
  return join(shared, 'data', 'eval-dev');
}

/**
 * The eval-dev prompts with their mapped Refract labels (see docs/classifier.md), optionally one
 * side of the fixed 80/20 split.
 */
export function loadEvalDev(directory = evalDevDirectory(), split: 'train' | 'test' | 'all' = 'all'): LabeledExample[] {
  const examples = Object.keys(EVAL_DEV_FILES).flatMap((file) => parseEvalDevFile(file, readFileSync(join(directory, file), 'utf8')));
  return split === 'all' ? examples : examples.filter((example) => evalDevSplit(example.id ?? '') === split);
}
