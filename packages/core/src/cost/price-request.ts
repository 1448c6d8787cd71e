import type { ModelPricing } from '../catalog/catalog-model';
import type { Usage } from '../providers/usage';
import { computeCost, roundUsd } from './compute-cost';

export interface PricedRequest {
  /** What the model call cost, plus the routing cost (a classifier call), in USD. */
  costUsd: number;
  /** What the model call alone cost. */
  modelCostUsd: number;
  routingCostUsd: number;
  /** The same usage priced at the baseline model, when there is one. */
  baselineCostUsd: number;
  /** `baselineCostUsd − costUsd`; negative when routing cost more than the baseline. */
  savedUsd: number;
  /** Whether the usage came from the provider or was counted by Refract. */
  usageSource: 'reported' | 'estimated';
  /** False when the model has no known price (cost then counts as 0 and says so). */
  priced: boolean;
}

export interface PriceRequestInput {
  usage: Usage;
  usageSource: 'reported' | 'estimated';
  pricing: ModelPricing | undefined;
  /** Price of the baseline model; without one, the baseline equals the actual cost (nothing saved). */
  baselinePricing?: ModelPricing | undefined;
  routingCostUsd?: number | undefined;
}

/**
 * Cost, baseline and savings of one request. The gateway shows the client exactly what it records:
 * both come from this function with the same inputs.
 */
export function priceRequest(input: PriceRequestInput): PricedRequest {
  const modelCostUsd = input.pricing ? computeCost(input.usage, input.pricing).totalUsd : 0;
  const routingCostUsd = input.routingCostUsd ?? 0;
  const costUsd = modelCostUsd + routingCostUsd;
  const baselineCostUsd = input.baselinePricing ? computeCost(input.usage, input.baselinePricing).totalUsd : costUsd;
  return {
    costUsd: roundUsd(costUsd),
    modelCostUsd: roundUsd(modelCostUsd),
    routingCostUsd: roundUsd(routingCostUsd),
    baselineCostUsd: roundUsd(baselineCostUsd),
    savedUsd: roundUsd(baselineCostUsd - costUsd),
    usageSource: input.usageSource,
    priced: input.pricing !== undefined,
  };
}
