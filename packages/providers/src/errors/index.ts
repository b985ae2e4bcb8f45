export {
  InvalidResponseError,
  type InvalidResponseErrorOptions,
  NotFoundError,
  ProviderError,
  type ProviderErrorContext,
  type ProviderErrorOptions,
  ProviderUnavailableError,
  RateLimitedError,
  type RateLimitedErrorOptions,
  type SchemaIssueSource,
} from './provider-errors.js';
