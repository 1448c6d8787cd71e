// @ts-nocheck: a build script over untyped JSON tables.
/**
 * Builds Refract's built-in catalog (packages/core/src/catalog/data/*.json) from the Apache-2.0
 * data tables in ../shared/data/catalog (see NOTICE). Run it when those tables change:
 *
 *   npm run catalog [-- --source ../shared/data/catalog]   (tsx scripts/build-catalog.ts)
 *
 * What it does, and why:
 * - models.json: the 88 registry models with their tier, prices, windows and benchmark scores,
 *   enriched from the models.dev snapshot with capabilities (vision, tools, json, reasoning),
 *   cached-input and cache-write prices and missing output limits. The registry price wins where
 *   the tables disagree; pricing-defaults.json is not used (its values are stale, e.g. gpt-5 at
 *   $10/$40 against $1.75/$14 in the registry and at the vendor).
 * - models-dev.json: a compact index of the models.dev first-party provider entries, used to
 *   describe models that are not in the registry (fuzzy lookup by normalised id).
 * - provider-pricing.json: per-provider price tables (Bedrock, Azure, Gemini, OpenAI, Anthropic),
 *   keyed by normalised id so that ids with dots match (the seed's keys never did).
 * - categories.json, rule-sets.json, routing-constants.json: copied with light reshaping.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeModelId } from '../packages/core/src/catalog/normalize-model-id';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceArg = process.argv.indexOf('--source');
const source = resolve(sourceArg > 0 ? process.argv[sourceArg + 1] : join(root, '..', 'shared', 'data', 'catalog'));
const out = join(root, 'packages', 'core', 'src', 'catalog', 'data');
mkdirSync(out, { recursive: true });

const read = (name) => JSON.parse(readFileSync(join(source, name), 'utf8'));
const write = (name, value) => writeFileSync(join(out, name), JSON.stringify(value, null, 1) + '\n');

const normalise = normalizeModelId;

const registry = read('model-registry.json');
const benchmarks = read('benchmarks.json');
const modelsDev = read('modelsDev.snapshot.json');

// models.dev index: normalised id -> entries, first-party providers first.
const FIRST_PARTY = {
  Anthropic: 'anthropic', OpenAI: 'openai', Google: 'google', Meta: 'llama', Mistral: 'mistral',
  DeepSeek: 'deepseek', Alibaba: 'alibaba', Cohere: 'cohere', Amazon: 'amazon-bedrock',
  'Moonshot AI': 'moonshotai', 'Z AI': 'zai', 'Minimax AI': 'minimax', Nvidia: 'nvidia', Microsoft: 'azure',
};
const PROVIDER_RANK = ['anthropic', 'openai', 'google', 'mistral', 'deepseek', 'xai', 'cohere', 'amazon-bedrock', 'alibaba', 'moonshotai', 'zai', 'minimax', 'nvidia', 'llama', 'google-vertex', 'azure', 'groq', 'togetherai', 'openrouter'];
const index = new Map();
for (const [providerId, provider] of Object.entries(modelsDev)) {
  for (const [modelId, model] of Object.entries(provider.models ?? {})) {
    const key = normalise(modelId);
    if (!index.has(key)) index.set(key, []);
    index.get(key).push({ providerId, model });
  }
}
const rank = (providerId, preferred) =>
  providerId === preferred ? -1 : PROVIDER_RANK.includes(providerId) ? PROVIDER_RANK.indexOf(providerId) : 100;

function lookupModelsDev(entry) {
  const keys = [entry.id, ...(entry.patterns ?? [])].map(normalise);
  let hits;
  for (const key of keys) if (index.has(key)) { hits = index.get(key); break; }
  if (!hits) {
    // Longest models.dev id that contains the registry id (e.g. gemma-3-12b-it for gemma-3-12b).
    const base = normalise(entry.id);
    const candidates = [...index.keys()].filter((key) => key.startsWith(base + '-') && key.length - base.length <= 12);
    candidates.sort((a, b) => a.length - b.length);
    if (candidates[0]) hits = index.get(candidates[0]);
  }
  if (!hits) return undefined;
  const preferred = FIRST_PARTY[entry.vendor];
  return [...hits].sort((a, b) => rank(a.providerId, preferred) - rank(b.providerId, preferred));
}

function capabilitiesOf(hits) {
  const vote = (pick) => {
    const values = hits.map((hit) => pick(hit.model)).filter((value) => value !== undefined);
    return values.length === 0 ? undefined : values[0];
  };
  return {
    vision: vote((m) => (m.modalities?.input ? m.modalities.input.includes('image') : m.attachment)) ?? false,
    tools: vote((m) => m.tool_call) ?? false,
    json: vote((m) => m.structured_output ?? (m.tool_call ? true : undefined)) ?? false,
    reasoning: vote((m) => m.reasoning) ?? false,
  };
}

const models = registry.map((entry) => {
  const hits = lookupModelsDev(entry);
  const first = hits?.[0]?.model;
  const cost = hits?.map((hit) => hit.model.cost).find((c) => c && (c.cache_read !== undefined || c.cache_write !== undefined));
  const pricing =
    entry.inputPer1M != null && entry.outputPer1M != null
      ? {
          input: entry.inputPer1M,
          output: entry.outputPer1M,
          ...(cost?.cache_read !== undefined ? { cachedInput: Math.min(entry.inputPer1M, scaleCache(cost.cache_read, cost.input, entry.inputPer1M)) } : {}),
          ...(cost?.cache_write !== undefined ? { cacheWrite: scaleCache(cost.cache_write, cost.input, entry.inputPer1M) } : {}),
        }
      : undefined;
  const bench = benchmarks[entry.id];
  return {
    id: entry.id,
    family: entry.family,
    vendor: entry.vendor,
    tier: entry.tier,
    contextWindow: entry.contextWindow ?? first?.limit?.context,
    maxOutputTokens: entry.maxOutputTokens ?? first?.limit?.output,
    ...(pricing ? { pricing } : {}),
    capabilities: hits ? capabilitiesOf(hits) : { vision: false, tools: true, json: true, reasoning: false },
    ...(bench ? { benchmarks: bench } : {}),
    priority: entry.priority ?? 50,
    patterns: [...new Set((entry.patterns ?? []).map(normalise))].filter((p) => p !== normalise(entry.id)),
    ...(entry.openrouterId ? { openrouterId: entry.openrouterId } : {}),
    ...(hits ? {} : { capabilitiesSource: 'assumed' }),
  };
});

/** Cache prices are kept as the same fraction of the input price the vendor charges. */
function scaleCache(cachePrice, vendorInput, registryInput) {
  if (!vendorInput) return cachePrice;
  return Math.round((cachePrice / vendorInput) * registryInput * 1e6) / 1e6;
}

// Compact models.dev index for models outside the registry.
const registryKeys = new Set(models.flatMap((m) => [normalise(m.id), ...m.patterns]));
const devIndex = {};
for (const [key, hits] of index) {
  if (registryKeys.has(key)) continue;
  const sorted = [...hits].sort((a, b) => rank(a.providerId) - rank(b.providerId));
  const best = sorted[0];
  if (!best || !PROVIDER_RANK.includes(best.providerId)) continue;
  const m = best.model;
  if (m.modalities?.output && !m.modalities.output.includes('text')) continue;
  devIndex[key] = compact({
    name: m.name,
    provider: best.providerId,
    contextWindow: m.limit?.context,
    maxOutputTokens: m.limit?.output,
    input: m.cost?.input,
    output: m.cost?.output,
    cachedInput: m.cost?.cache_read,
    cacheWrite: m.cost?.cache_write,
    caps: [
      (m.modalities?.input ?? []).includes('image') ? 'vision' : '',
      m.tool_call ? 'tools' : '',
      m.structured_output || m.tool_call ? 'json' : '',
      m.reasoning ? 'reasoning' : '',
    ].filter(Boolean).join(','),
  });
}
function compact(record) {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== ''));
}

const providerPricing = read('provider-pricing.json');
const tables = {};
for (const [name, table] of Object.entries(providerPricing)) {
  if (!name.endsWith('_PRICING')) continue;
  const key = name.replace('_PRICING', '').toLowerCase();
  tables[key] = Object.fromEntries(Object.entries(table).map(([id, price]) => [normalise(id), price]));
}

const categories = read('categories.json').map((c) => compact({
  key: c.key,
  name: c.name,
  tier: c.costTier,
  description: c.description,
  examples: c.examples ?? [],
  requiresVision: c.requiresVision === true ? true : undefined,
  targetSystemPrompt: c.targetSystemPrompt || undefined,
  order: c.order,
}));

write('models.json', models);
write('models-dev.json', devIndex);
write('provider-pricing.json', tables);
write('categories.json', categories);
write('rule-sets.json', read('seed-rule-sets.json'));
write('routing-constants.json', read('routing-constants.json'));
console.log(`catalog: ${models.length} registry models (${models.filter((m) => m.benchmarks).length} with benchmarks, ${models.filter((m) => m.capabilitiesSource).length} with assumed capabilities), ${Object.keys(devIndex).length} models.dev entries, ${categories.length} categories -> ${out}`);
