export type { Deployment, PriceSource, BenchmarkSource } from './deployment';
export {
  deploymentConfigSchema,
  providerConfigSchema,
  PROVIDER_ID_PATTERN,
  type DeploymentConfig,
  type DeploymentConfigInput,
  type ProviderConfig,
  type ProviderConfigInput,
} from './deployment-schema';
export { buildDeployments } from './build-deployments';
export { buildTierEstimates, UNBENCHMARKED_PENALTY, type TierEstimates } from './tier-estimates';
