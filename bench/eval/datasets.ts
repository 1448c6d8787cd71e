import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One prompt of the evaluation set with its labels (label field → value). */
export interface EvalPrompt {
  id: string;
  text: string;
  labels: Readonly<Record<string, string>>;
}

/** One labeled source file of `../shared/data/eval-dev` (see its PROVENANCE.md). */
export interface EvalSource {
  name: string;
  /** The label fields this source carries, each reported as its own confusion table. */
  labelFields: readonly string[];
  prompts: EvalPrompt[];
}

interface SourceSpec {
  name: string;
  file: string;
  labelFields: readonly string[];
  id(row: Record<string, unknown>): string;
  text(row: Record<string, unknown>): string;
}

/**
 * The labeled sources: arena-hard v0.1 (`cluster`: 250 topic clusters, 2 prompts each), arena-hard
 * v2.0 (`category` hard_prompt / creative_writing, `subcategory` coding / math / creative_writing)
 * and vicuna (`category`, 9 kinds; one turn per question). Arena-hard v0.1's `category` is the
 * constant "arena-hard-v0.1" and is not a label.
 */
export const SOURCES: readonly SourceSpec[] = [
  { name: 'arena-hard-v0.1', file: 'arena-hard-v0.1__question.jsonl', labelFields: ['cluster'], id: (row) => String(row['uid']), text: (row) => String(row['prompt']) },
  {
    name: 'arena-hard-v2.0',
    file: 'arena-hard-v2.0__question.jsonl',
    labelFields: ['category', 'subcategory'],
    id: (row) => String(row['uid']),
    text: (row) => String(row['prompt']),
  },
  {
    name: 'vicuna',
    file: 'vicuna_bench__question.jsonl',
    labelFields: ['category'],
    id: (row) => String(row['question_id']),
    text: (row) => (Array.isArray(row['turns']) ? String(row['turns'][0]) : ''),
  },
];

/**
 * Reads the eval-dev sources from `directory`. A row missing a label or its text is an error
 * naming the file and line: the numbers would silently mean less otherwise.
 */
export function loadSources(directory: string, only?: readonly string[]): EvalSource[] {
  const wanted = only && only.length > 0 ? SOURCES.filter((spec) => only.includes(spec.name)) : SOURCES;
  if (only && only.length > 0 && wanted.length !== only.length) {
    const known = SOURCES.map((spec) => spec.name).join(', ');
    throw new Error(`unknown source in --source ${only.join(', ')}; known sources: ${known}`);
  }
  return wanted.map((spec) => {
    const path = join(directory, spec.file);
    const lines = readFileSync(path, 'utf8').split('\n');
    const prompts: EvalPrompt[] = [];
    lines.forEach((line, index) => {
      if (line.trim().length === 0) return;
      const row = JSON.parse(line) as Record<string, unknown>;
      const text = spec.text(row);
      const labels: Record<string, string> = {};
      for (const field of spec.labelFields) {
        const value = row[field];
        if (typeof value !== 'string' || value.length === 0) throw new Error(`${path}:${index + 1}: missing label "${field}"`);
        labels[field] = value;
      }
      if (text.length === 0) throw new Error(`${path}:${index + 1}: no prompt text`);
      prompts.push({ id: spec.id(row), text, labels });
    });
    return { name: spec.name, labelFields: spec.labelFields, prompts };
  });
}
