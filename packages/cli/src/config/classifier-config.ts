import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { cascadeClassifiers, createLlmClassifier, loadDefaultClassifier, loadLearnedClassifier, type Classifier, type LlmClassifierModel, type ProviderAdapter } from '@refract/core';
import { ConfigError } from './config-error';

/** One model the LLM classifier calls: a provider of the config and that provider's model id. */
export interface ClassifierModelRef {
  provider: string;
  model: string;
}

/**
 * The `classifier` section of a CLI config file. Without it the shipped learned classifier is
 * used; `"classifier": false` routes on the rule set's signals alone.
 */
export interface ClassifierSection {
  /** `default`: the shipped model; a path: a model written by `refract train`; `false`: none. */
  learned: 'default' | false | { path: string };
  /** The LLM classifier, asked only when the learned one is unsure (or alone when `learned` is false). */
  llm?: { models: ClassifierModelRef[]; timeoutMs?: number };
  /** Confidence at which the learned classifier's verdict stands without asking the LLM (default 0.6). */
  threshold?: number;
}

const SECTION_KEYS = new Set(['learned', 'llm', 'threshold']);
const LLM_KEYS = new Set(['provider', 'model', 'fallbacks', 'timeoutMs']);

/**
 * Validates the `classifier` section: `false`, or
 * `{"learned": true | false | "model.json", "llm": {"provider", "model", "fallbacks": [{"provider", "model"}], "timeoutMs"}, "threshold"}`.
 *
 * @throws ConfigError naming every bad field.
 * @example
 * parseClassifierSection({ learned: 'models/acme.json' }, 'refract.config.json');
 */
export function parseClassifierSection(raw: unknown, source: string): ClassifierSection {
  if (raw === undefined || raw === true) return { learned: 'default' };
  if (raw === false) return { learned: false };
  const problems: string[] = [];
  const section: ClassifierSection = { learned: 'default' };
  if (!isObject(raw)) problems.push('classifier: must be false or an object like {"learned": true, "llm": {"provider": "openai", "model": "gpt-4o-mini"}}');
  else {
    for (const key of Object.keys(raw)) if (!SECTION_KEYS.has(key)) problems.push(`classifier.${key}: unknown key (use learned, llm or threshold)`);
    const { learned, llm, threshold } = raw;
    if (learned === false) section.learned = false;
    else if (typeof learned === 'string' && learned !== '') section.learned = { path: learned };
    else if (learned !== undefined && learned !== true) problems.push('classifier.learned: must be true (the shipped model), false, or the path of a model written by "refract train"');
    if (threshold !== undefined) {
      if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) problems.push('classifier.threshold: must be a number from 0 to 1');
      else section.threshold = threshold;
    }
    if (llm !== undefined) {
      const parsed = parseLlm(llm, problems);
      if (parsed) section.llm = parsed;
    }
  }
  if (problems.length > 0) throw new ConfigError(`invalid classifier section in ${source}`, problems, `Fix ${problems.length > 1 ? 'these fields' : 'this'} in ${source} (see docs/classifier.md, "In the CLI and refract serve").`);
  return section;
}

function parseLlm(raw: unknown, problems: string[]): ClassifierSection['llm'] | undefined {
  if (!isObject(raw)) {
    problems.push('classifier.llm: must be an object like {"provider": "openai", "model": "gpt-4o-mini"}');
    return undefined;
  }
  const before = problems.length;
  for (const key of Object.keys(raw)) if (!LLM_KEYS.has(key)) problems.push(`classifier.llm.${key}: unknown key (use provider, model, fallbacks or timeoutMs)`);
  const models = [modelRef(raw, 'classifier.llm', problems)];
  const { fallbacks, timeoutMs } = raw;
  if (fallbacks !== undefined) {
    if (!Array.isArray(fallbacks) || fallbacks.length > 2) problems.push('classifier.llm.fallbacks: must be a list of at most two {"provider", "model"}');
    else fallbacks.forEach((entry: unknown, index) => models.push(isObject(entry) ? modelRef(entry, `classifier.llm.fallbacks.${index}`, problems) : (problems.push(`classifier.llm.fallbacks.${index}: must be {"provider", "model"}`), undefined)));
  }
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > 120_000)) problems.push('classifier.llm.timeoutMs: must be a whole number of milliseconds from 1 to 120000');
  if (problems.length > before) return undefined;
  return { models: models as ClassifierModelRef[], ...(typeof timeoutMs === 'number' ? { timeoutMs } : {}) };
}

function modelRef(raw: Record<string, unknown>, path: string, problems: string[]): ClassifierModelRef | undefined {
  const { provider, model } = raw;
  if (typeof provider !== 'string' || provider === '') problems.push(`${path}.provider: must name a provider of the config (its "id")`);
  if (typeof model !== 'string' || model === '') problems.push(`${path}.model: must name the provider's model id`);
  if (typeof provider !== 'string' || typeof model !== 'string') return undefined;
  return { provider, model };
}

export interface BuildClassifierOptions {
  /** Resolves the config file's relative model path. */
  cwd: string;
  source: string;
  /** The adapter of a configured provider; `undefined` when there is none (the LLM part is then refused). */
  adapterFor?: (providerId: string) => ProviderAdapter | undefined;
  /** Leave the LLM classifier out even when configured (`refract explain` calls no provider). */
  localOnly?: boolean;
}

export interface BuiltClassifier {
  classifier: Classifier | undefined;
  /** One line for banners and `--help` output: what classifies, or `none`. */
  description: string;
}

/**
 * Builds the classifier a section describes: the learned one, the LLM one, or both in a cascade
 * (learned first, the LLM only when the learned verdict is below `threshold` or abstains).
 *
 * @throws ConfigError for an unreadable or malformed model file, or an LLM model on a provider the config lacks.
 */
export async function buildClassifier(section: ClassifierSection, options: BuildClassifierOptions): Promise<BuiltClassifier> {
  const chain: Classifier[] = [];
  if (section.learned === 'default') chain.push(await loadDefaultClassifier());
  else if (section.learned !== false) chain.push(await readLearnedModel(section.learned.path, options));
  if (section.llm && !options.localOnly) {
    const missing = section.llm.models.filter((ref) => options.adapterFor?.(ref.provider) === undefined);
    if (missing.length > 0) {
      throw new ConfigError(
        `classifier.llm in ${options.source} names ${missing.length > 1 ? 'providers' : 'a provider'} not being served: ${missing.map((ref) => ref.provider).join(', ')}`,
        [],
        'Name the "id" of a provider in "providers" (or one found in the environment), or remove classifier.llm.',
      );
    }
    const adapters: LlmClassifierModel[] = section.llm.models.map((ref) => ({ adapter: options.adapterFor!(ref.provider)!, model: ref.model }));
    chain.push(createLlmClassifier({ adapters, ...(section.llm.timeoutMs !== undefined ? { timeoutMs: section.llm.timeoutMs } : {}) }));
  }
  if (chain.length === 0) return { classifier: undefined, description: 'none (routing on the rule set signals alone)' };
  const classifier = chain.length === 1 ? chain[0]! : cascadeClassifiers(chain, section.threshold !== undefined ? { threshold: section.threshold } : {});
  return { classifier, description: describe(chain, section) };
}

function describe(chain: readonly Classifier[], section: ClassifierSection): string {
  const names = chain.map((classifier) => classifier.name).join(', then ');
  const ask = chain.length > 1 ? ` when it is below ${section.threshold ?? 0.6}` : '';
  return `${names}${ask} (asked when the rule set is unsure)`;
}

async function readLearnedModel(path: string, options: BuildClassifierOptions): Promise<Classifier> {
  let text: string;
  try {
    text = await readFile(resolve(options.cwd, path), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigError(`cannot read classifier.learned model ${path} (from ${options.source}): ${reason}`, [], 'Write one with "refract train --input labeled.jsonl --output model.json", or set "learned": true for the shipped model.');
  }
  try {
    return loadLearnedClassifier(text);
  } catch (error) {
    const issues = (error as { issues?: { path: string; message: string }[] }).issues ?? [];
    throw new ConfigError(`classifier.learned model ${path} is not a model written by "refract train"`, issues.slice(0, 5).map((issue) => `${issue.path || '(root)'}: ${issue.message}`), 'Retrain it with "refract train", or set "learned": true for the shipped model.');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
