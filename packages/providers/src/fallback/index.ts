export {
  type FallbackEvent,
  type FallbackMember,
  type FallbackMethod,
  FallbackProvider,
  type FallbackProviderOptions,
  isFallbackError,
} from './fallback-provider.js';
