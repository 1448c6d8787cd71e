export { normalizeModelId } from './normalize-model-id';
export {
  modelPricingSchema,
  modelCapabilitiesSchema,
  benchmarksSchema,
  catalogModelSchema,
  catalogModelOverrideSchema,
  type ModelPricing,
  type ModelCapabilities,
  type Benchmarks,
  type CatalogModel,
  type CatalogModelInput,
  type CatalogModelOverride,
} from './catalog-model';
export { ModelCatalog, inferTierFromPrice, type CatalogLookup, type CatalogMatch } from './model-catalog';
export { categorySchema, CATEGORY_KEY_PATTERN, type Category, type CategoryInput } from './category';
export { CategorySet, type CategoryPatch } from './category-set';
