export { DEFAULT_BENCHMARK_WEIGHTS, benchmarkWeightsFor, qualityScore, type BenchmarkWeights } from './benchmark-weights';
export { COST_MODE_EXPONENTS, COST_FLOOR_USD, scoreCandidates, type ScoredCandidate, type ScoreOptions, type SelectionExponents } from './score-candidates';
export { ineligibility, type RequestNeeds, type EligibilityRules } from './eligibility';
export { selectModel, searchOrder, type Selection, type SelectionInput, type TierBounds } from './select-model';
