import type { Benchmarks, ModelCapabilities, ModelPricing } from '../catalog/catalog-model';
import type { Tier } from '../tiers/tiers';

/** Where a deployment's price came from. */
export type PriceSource = 'config' | 'provider-table' | 'catalog' | 'tier-estimate';
/** Where its benchmark scores came from. */
export type BenchmarkSource = 'config' | 'catalog' | 'tier-estimate';

/**
 * A model at a provider, with everything routing needs resolved: tier, price, windows,
 * capabilities and benchmarks, and where each came from. Prices and benchmarks that are missing are
 * estimated from the model's tier (see `tier-estimates.ts`) and flagged, never silently zero.
 */
export interface Deployment {
  /** `provider/model`, unique within a router. */
  key: string;
  provider: string;
  providerType: string;
  /** The provider's model id. */
  model: string;
  /** The catalog entry describing it, when one matched. */
  catalogId: string | undefined;
  tier: Tier;
  pricing: ModelPricing;
  priceSource: PriceSource;
  contextWindow: number | undefined;
  maxOutputTokens: number | undefined;
  capabilities: ModelCapabilities;
  benchmarks: Benchmarks;
  benchmarkSource: BenchmarkSource;
  priority: number;
  routable: boolean;
}
