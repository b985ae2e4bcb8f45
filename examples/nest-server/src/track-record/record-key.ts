import { type DataSourceIdentity, sourceKey } from '../data/data-source.js';

/**
 * The `data_source_key` of `model_performance` rows: the source's lineage, stable while its data
 * grows. A folder's fingerprint changes with every new day of prices and an as-of date moves with
 * the clock, yet a forecast made on Monday's data is judged against Friday's: so the key is the
 * provider and folder (and the synthetic seed and size, which are other data), not the content.
 */
export function recordKey(identity: DataSourceIdentity): string {
  return sourceKey({
    provider: identity.provider,
    ...(identity.dir === undefined ? {} : { dir: identity.dir }),
    ...(identity.provider === 'folder' || identity.fingerprint === undefined
      ? {}
      : { fingerprint: identity.fingerprint }),
  });
}
