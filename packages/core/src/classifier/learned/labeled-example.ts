import { z } from 'zod';
import type { CategorySet } from '../../catalog/category-set';
import { RefractValidationError, zodIssues, type ValidationIssue } from '../../errors/validation-error';
import { chatMessageSchema, type ChatRequest } from '../../spec/chat-request';
import { TIERS, isTier, type Tier } from '../../tiers/tiers';

/** One training or evaluation example: a request and what is known about it. */
export interface LabeledExample {
  request: ChatRequest;
  /** A category key of the category set. */
  category?: string;
  /** The tier the request needed (from a tier label or a difficulty). */
  tier?: Tier;
  /** Difficulty in [0, 1], when the label was one. */
  difficulty?: number;
  /** Relative weight in training (default 1). */
  weight?: number;
  /** Where the example came from, for per-source reports. */
  source?: string;
  id?: string;
}

/** The words of the seed's `complexity` field, read as tiers. */
const COMPLEXITY_WORDS: Readonly<Record<string, Tier>> = { simple: 'low', easy: 'low', moderate: 'medium', complex: 'advanced', hard: 'advanced' };

const labelValue = z.union([z.string().min(1), z.number()]);
const labeledLineSchema = z
  .looseObject({
    messages: z.array(chatMessageSchema).min(1).optional(),
    prompt: z.string().min(1).optional(),
    system: z.string().optional(),
    category: labelValue.optional().nullable(),
    complexity: labelValue.optional().nullable(),
    tier: labelValue.optional().nullable(),
    weight: z.number().positive().max(1000).optional(),
    source: z.string().optional(),
    id: z.union([z.string(), z.number()]).optional(),
  })
  .refine((line) => line.messages !== undefined || line.prompt !== undefined, { message: 'a line needs "messages" or "prompt"' });

/**
 * Difficulty in [0, 1] → tier: eight equal bands, micro below 0.125 … critical from 0.875.
 *
 * @example
 * tierForDifficulty(0.7); // 'high'
 */
export function tierForDifficulty(difficulty: number): Tier {
  return TIERS[Math.min(TIERS.length - 1, Math.max(0, Math.floor(difficulty * TIERS.length)))] as Tier;
}

/**
 * The middle of a tier's difficulty band: (index + 0.5) / 8.
 *
 * @example
 * difficultyForTier('medium'); // 0.4375
 */
export function difficultyForTier(tier: Tier): number {
  return (TIERS.indexOf(tier) + 0.5) / TIERS.length;
}

type Label = { category: string } | { tier: Tier; difficulty?: number };

/**
 * Reads one label value: a category key, a tier name, a 0–1 difficulty (number or numeric
 * string), or the seed's words simple / moderate / complex. @returns an error message instead when
 * it is none of these.
 *
 * @example
 * readLabel('coding_medium', CategorySet.builtIn(), true); // { category: 'coding_medium' }
 * readLabel(0.9, CategorySet.builtIn(), false); // { tier: 'critical', difficulty: 0.9 }
 */
export function readLabel(value: string | number, categories: CategorySet, allowCategory: boolean): Label | string {
  if (typeof value === 'number' || /^\s*(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)\s*$/.test(value)) {
    const difficulty = Number(value);
    if (!Number.isFinite(difficulty) || difficulty < 0 || difficulty > 1) return `difficulty ${value} is outside 0–1`;
    return { tier: tierForDifficulty(difficulty), difficulty };
  }
  const key = value.trim().toLowerCase();
  if (allowCategory && categories.has(key)) return { category: key };
  if (isTier(key)) return { tier: key };
  const word = COMPLEXITY_WORDS[key];
  if (word) return { tier: word };
  return allowCategory ? `'${value}' is not a category key, a tier or a 0–1 difficulty` : `'${value}' is not a tier or a 0–1 difficulty`;
}

/**
 * Parses one line of a labeled JSONL file: `{"messages": [...]}` or `{"prompt": "...", "system"?}`,
 * with `category` (a category key, tier or difficulty) and/or `complexity` (a tier or difficulty;
 * it wins over a tier given as `category`), optional `weight`, `source`, `id`.
 *
 * @throws RefractValidationError naming the line and field.
 * @example
 * parseLabeledLine('{"prompt":"Fix this bug","category":"error_debugging"}', CategorySet.builtIn());
 */
export function parseLabeledLine(line: string, categories: CategorySet, lineNumber = 1): LabeledExample {
  const where = `labeled line ${lineNumber}`;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    throw new RefractValidationError(where, [{ path: '', message: `not JSON (${error instanceof Error ? error.message : String(error)})`, code: 'invalid_json' }]);
  }
  const parsed = labeledLineSchema.safeParse(json);
  if (!parsed.success) throw new RefractValidationError(where, zodIssues(parsed.error));
  const data = parsed.data;
  const messages: ChatRequest['messages'] = data.messages ?? [
    ...(data.system ? [{ role: 'system' as const, content: data.system }] : []),
    { role: 'user' as const, content: data.prompt as string },
  ];
  const example: LabeledExample = { request: { model: 'auto', messages } };
  const issues: ValidationIssue[] = [];
  const fields: [string, string | number | null | undefined, boolean][] = [
    ['category', data.category, true],
    ['tier', data.tier, false],
    ['complexity', data.complexity, false],
  ];
  for (const [field, value, allowCategory] of fields) {
    if (value === undefined || value === null) continue;
    const label = readLabel(value, categories, allowCategory);
    if (typeof label === 'string') issues.push({ path: field, message: label, code: 'invalid_label' });
    else if ('category' in label) example.category = label.category;
    else {
      example.tier = label.tier;
      if (label.difficulty !== undefined) example.difficulty = label.difficulty;
      else delete example.difficulty;
    }
  }
  if (issues.length > 0) throw new RefractValidationError(where, issues);
  if (data.weight !== undefined) example.weight = data.weight;
  if (data.source !== undefined) example.source = data.source;
  if (data.id !== undefined) example.id = String(data.id);
  return example;
}

/**
 * Parses a whole labeled JSONL text (blank lines and `#` comments skipped). Every bad line is
 * reported at once (up to 20), so one run tells the user everything to fix.
 *
 * @throws RefractValidationError listing the bad lines.
 * @example
 * const examples = parseLabeledJsonl(readFileSync('labeled.jsonl', 'utf8'), CategorySet.builtIn());
 */
export function parseLabeledJsonl(text: string, categories: CategorySet): LabeledExample[] {
  const examples: LabeledExample[] = [];
  const issues: ValidationIssue[] = [];
  let errors = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    try {
      examples.push(parseLabeledLine(line, categories, index + 1));
    } catch (error) {
      errors += 1;
      if (issues.length >= 20) return;
      const inner = error instanceof RefractValidationError ? error.issues : [{ path: '', message: String(error), code: 'invalid' }];
      for (const issue of inner) issues.push({ ...issue, path: `line ${index + 1}${issue.path ? `.${issue.path}` : ''}` });
    }
  });
  if (errors > 0) {
    if (errors > 20) issues.push({ path: '', message: `… and ${errors - 20} more bad lines`, code: 'truncated' });
    throw new RefractValidationError('labeled JSONL', issues);
  }
  return examples;
}

/**
 * Examples made from the categories themselves (their examples, name and description), so a
 * model knows every category even when the user's labels cover only some.
 *
 * @example
 * const seedExamples = categoryExamples(CategorySet.builtIn()); // ≈ 200 examples for the 52 built-ins
 */
export function categoryExamples(categories: CategorySet, weight = 1): LabeledExample[] {
  const out: LabeledExample[] = [];
  for (const category of categories.all()) {
    const texts = [...category.examples, category.name, ...(category.description ? [category.description] : [])];
    for (const text of texts) {
      out.push({ request: { model: 'auto', messages: [{ role: 'user', content: text }] }, category: category.key, tier: category.tier, weight, source: 'categories' });
    }
  }
  return out;
}
