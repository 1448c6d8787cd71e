export { errorCatalog, type ErrorCatalogEntry, type RefractErrorCode } from './error-codes';
export { RefractError, isRefractError, type RefractErrorOptions } from './refract-error';
export { RefractValidationError, zodIssues, type ValidationIssue } from './validation-error';
export { ProviderError, isProviderError, type ProviderErrorInit, type ProviderErrorKind } from './provider-error';
export {
  classifyProviderError,
  parseContextWindow,
  parseMaxTokensLimit,
  parseRetryAfterMs,
  parseDuration,
  type ErrorClassificationInput,
} from './classify-provider-error';
export { toOpenAIError, type OpenAIErrorBody } from './to-openai-error';
