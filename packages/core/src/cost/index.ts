export { computeCost, estimateCost, roundUsd, type CostBreakdown } from './compute-cost';
export { priceRequest, type PricedRequest, type PriceRequestInput } from './price-request';
