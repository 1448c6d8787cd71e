import { createRouter, type Router } from '@refract/core';
import { buildClassifier, parseClassifierSection } from './classifier-config';
import { configErrorFrom, isConfigProblem } from './config-error';
import { readConfigFile } from './read-config-file';
import { unknownKeys } from './unknown-keys';

export interface LoadedRouter {
  router: Router;
  /** Where the config came from, for messages (`built-in catalog` or the file path). */
  source: string;
  /** Non-fatal problems, e.g. keys the config schema does not know (they are ignored). */
  warnings: string[];
  /** What classifies when the rule set is unsure (see `classifier-config.ts`). */
  classifier: string;
}

/** Top-level keys that editors use and the router ignores on purpose. */
const IGNORED_KEYS = new Set(['$schema']);

/**
 * Builds the router for a command: from a JSON config file (validated by the router), or, with no
 * file, from the built-in catalog (every catalog model at its own provider). The file's
 * `classifier` section picks the classifier (the shipped learned one by default); its LLM part is
 * left out because commands built on this call no provider. A `serve` section is for `refract serve`.
 *
 * @throws ConfigError when the file cannot be read, is not JSON, or fails validation.
 * @example
 * const { router, warnings } = await loadRouter('refract.config.json', process.cwd());
 */
export async function loadRouter(configPath: string | undefined, cwd: string): Promise<LoadedRouter> {
  const source = configPath ?? 'built-in catalog';
  const { classifier: section, serve: _serve, ...input } = configPath === undefined ? {} : await readConfigFile(configPath, cwd);
  const parsed = parseClassifierSection(section, source);
  const built = await buildClassifier(parsed, { cwd, source, localOnly: true });
  const warnings: string[] = parsed.llm ? [`${source}: classifier.llm is not asked here (no provider is called), so a decision it would change can differ from refract serve's`] : [];
  let router: Router;
  try {
    router = createRouter({ ...input, ...(built.classifier ? { classifier: built.classifier } : {}) });
  } catch (error) {
    if (isConfigProblem(error)) throw configErrorFrom(error, source);
    throw error;
  }
  warnings.push(
    ...unknownKeys(input, router.config)
      .filter((key) => !IGNORED_KEYS.has(key))
      .map((key) => `${source}: unknown key '${key}' is ignored`),
  );
  return { router, source, warnings, classifier: built.description };
}
