import { LRUCache } from 'lru-cache';
import { RefractValidationError, zodIssues } from '../errors/validation-error';
import type { Tier } from '../tiers/tiers';
import { BUILT_IN_MODELS, MODELS_DEV, PROVIDER_PRICING, type ModelsDevEntry } from './built-in-data';
import {
  catalogModelOverrideSchema,
  catalogModelSchema,
  type CatalogModel,
  type CatalogModelOverride,
  type ModelPricing,
} from './catalog-model';
import { normalizeModelId } from './normalize-model-id';

/** How a lookup found its entry: by id, by a normalised spelling, or from the models.dev snapshot. */
export type CatalogMatch = 'exact' | 'normalized' | 'contains' | 'models.dev';

export interface CatalogLookup {
  model: CatalogModel;
  match: CatalogMatch;
}

/**
 * The model catalog: built-in registry entries (tier, prices, windows, capabilities, benchmarks),
 * user additions and overrides, and fuzzy id lookup for the many spellings providers use.
 *
 * @example
 * const catalog = ModelCatalog.builtIn().withOverrides({ 'my-llama': { tier: 'low', pricing: { input: 0, output: 0 } } });
 * catalog.lookup('us.anthropic.claude-3-5-haiku-20241022-v1:0')?.model.id; // 'claude-3-5-haiku'
 */
export class ModelCatalog {
  private readonly byId = new Map<string, CatalogModel>();
  private readonly byKey = new Map<string, CatalogModel>();
  /** Keys sorted longest first, for the "contains" pass. */
  private readonly keysByLength: string[];
  private readonly cache = new LRUCache<string, CatalogLookup | false>({ max: 2000 });

  constructor(entries: readonly CatalogModel[]) {
    for (const entry of entries) {
      this.byId.set(entry.id, entry);
      for (const key of [normalizeModelId(entry.id), ...entry.patterns.map(normalizeModelId)]) {
        if (!this.byKey.has(key)) this.byKey.set(key, entry);
      }
    }
    this.keysByLength = [...this.byKey.keys()].filter((key) => key.length >= 4).sort((a, b) => b.length - a.length);
  }

  /** The built-in catalog (88 registry models). */
  static builtIn(): ModelCatalog {
    return new ModelCatalog(builtInEntries());
  }

  /**
   * A new catalog with `overrides` merged over the entries of the same id (or added when new).
   * A new entry needs at least a `tier`. @throws RefractValidationError naming the bad path.
   */
  withOverrides(overrides: Readonly<Record<string, CatalogModelOverride>>): ModelCatalog {
    const merged = new Map(this.byId);
    for (const [id, raw] of Object.entries(overrides)) {
      const parsed = catalogModelOverrideSchema.safeParse(raw);
      if (!parsed.success) {
        throw new RefractValidationError('model override', prefix(zodIssues(parsed.error), `models.${id}`), 'REFRACT_ERR_CONFIG');
      }
      const base = merged.get(id) ?? this.lookup(id)?.model;
      const override = parsed.data;
      const candidate = {
        ...(base ?? {}),
        ...stripUndefined(override),
        id,
        capabilities: { ...(base?.capabilities ?? {}), ...stripUndefined(override.capabilities ?? {}) },
        ...(override.pricing || base?.pricing ? { pricing: { ...(base?.pricing ?? {}), ...(override.pricing ?? {}) } } : {}),
      };
      const full = catalogModelSchema.safeParse(candidate);
      if (!full.success) {
        throw new RefractValidationError(
          `model '${id}' (a new model needs at least a tier)`,
          prefix(zodIssues(full.error), `models.${id}`),
          'REFRACT_ERR_CONFIG',
        );
      }
      merged.set(id, full.data);
    }
    return new ModelCatalog([...merged.values()]);
  }

  /** All entries of the catalog (built-in and configured). */
  all(): CatalogModel[] {
    return [...this.byId.values()];
  }

  /** Exact id lookup. */
  get(id: string): CatalogModel | undefined {
    return this.byId.get(id);
  }

  /**
   * Fuzzy lookup: exact id, then the normalised id or one of its known spellings, then the longest
   * known id contained in the normalised id (e.g. `my-gpt-4o-mini-eu` → `gpt-4o-mini`), then the
   * models.dev snapshot (tier inferred from price, no benchmarks). Ambiguous substrings are not
   * guessed: a lookup that matches nothing returns undefined.
   */
  lookup(id: string): CatalogLookup | undefined {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached === false ? undefined : cached;
    const found = this.find(id);
    this.cache.set(id, found ?? false);
    return found;
  }

  /**
   * The price of `modelId` at a provider of kind `providerType`, when that provider's own table
   * lists it (Bedrock, Azure, Gemini, OpenAI and Anthropic differ for the same model).
   */
  static providerPrice(providerType: string, modelId: string): ModelPricing | undefined {
    const table = PROVIDER_PRICING[providerType];
    if (!table) return undefined;
    const key = normalizeModelId(modelId);
    const exact = table[key];
    if (exact) return { input: exact.input, output: exact.output };
    let best: string | undefined;
    for (const candidate of Object.keys(table)) {
      if (key.includes(candidate) && (best === undefined || candidate.length > best.length)) best = candidate;
    }
    const price = best ? table[best] : undefined;
    return price ? { input: price.input, output: price.output } : undefined;
  }

  private find(id: string): CatalogLookup | undefined {
    const exact = this.byId.get(id);
    if (exact) return { model: exact, match: 'exact' };
    const key = normalizeModelId(id);
    const normalized = this.byKey.get(key);
    if (normalized) return { model: normalized, match: 'normalized' };
    const dev = MODELS_DEV[key];
    if (dev) return { model: fromModelsDev(id, dev), match: 'models.dev' };
    for (const candidate of this.keysByLength) {
      if (containsAsSegment(key, candidate)) {
        const model = this.byKey.get(candidate);
        if (model) return { model, match: 'contains' };
      }
    }
    return undefined;
  }
}

/** True when `needle` occurs in `haystack` bounded by dashes or the ends (so `o1` is not in `go1`). */
function containsAsSegment(haystack: string, needle: string): boolean {
  let from = haystack.indexOf(needle);
  while (from >= 0) {
    const before = from === 0 || haystack[from - 1] === '-';
    const end = from + needle.length;
    const after = end === haystack.length || haystack[end] === '-';
    if (before && after) return true;
    from = haystack.indexOf(needle, from + 1);
  }
  return false;
}

let builtInCache: CatalogModel[] | undefined;

function builtInEntries(): CatalogModel[] {
  builtInCache ??= BUILT_IN_MODELS.map((raw) => catalogModelSchema.parse(raw));
  return builtInCache;
}

/**
 * Tier of a model known only from models.dev, from its blended price (input + 2 × output) / 3 in
 * USD per 1M tokens. A heuristic, used only for models outside the registry; configure the tier
 * to override it.
 */
export function inferTierFromPrice(input: number | undefined, output: number | undefined): Tier {
  if (input === undefined || output === undefined) return 'medium';
  const blended = (input + 2 * output) / 3;
  if (blended >= 20) return 'ultra';
  if (blended >= 8) return 'high';
  if (blended >= 3) return 'advanced';
  if (blended >= 1) return 'medium';
  if (blended >= 0.3) return 'low';
  if (blended >= 0.08) return 'minimal';
  return 'micro';
}

function fromModelsDev(id: string, entry: ModelsDevEntry): CatalogModel {
  const caps = new Set((entry.caps ?? '').split(',').filter(Boolean));
  const pricing =
    entry.input !== undefined && entry.output !== undefined
      ? {
          input: entry.input,
          output: entry.output,
          ...(entry.cachedInput !== undefined ? { cachedInput: entry.cachedInput } : {}),
          ...(entry.cacheWrite !== undefined ? { cacheWrite: entry.cacheWrite } : {}),
        }
      : undefined;
  return {
    id,
    ...(entry.name ? { family: entry.name } : {}),
    tier: inferTierFromPrice(entry.input, entry.output),
    ...(entry.contextWindow ? { contextWindow: entry.contextWindow } : {}),
    ...(entry.maxOutputTokens ? { maxOutputTokens: entry.maxOutputTokens } : {}),
    ...(pricing ? { pricing } : {}),
    capabilities: { vision: caps.has('vision'), tools: caps.has('tools'), json: caps.has('json'), reasoning: caps.has('reasoning') },
    priority: 40,
    patterns: [],
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function prefix<T extends { path: string }>(issues: T[], path: string): T[] {
  return issues.map((issue) => ({ ...issue, path: issue.path ? `${path}.${issue.path}` : path }));
}
