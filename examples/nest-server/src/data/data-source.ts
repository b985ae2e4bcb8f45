import { createHash } from 'node:crypto';
import type { DataSourceView } from '../contract/common.js';

export type { DataSourceView } from '../contract/common.js';

/**
 * Which data a scoring run was computed from. Two runs (or two trained forecast models) are
 * interchangeable only if their identities are equal: the server never serves a run of another source.
 */
export interface DataSourceIdentity {
  /** `synthetic`, `yahoo`, `alphavantage` or `folder`. */
  provider: string;
  /** The data folder as configured (`folder` only). */
  dir?: string;
  /**
   * What the data is: the sha256 of the folder's files (`folder`), the seed and universe size
   * (`synthetic`); none for live sources (Yahoo Finance, Alpha Vantage), which are one source each.
   */
  fingerprint?: string;
  /** The configured point in time (`AS_OF`), if any: another as-of date is another data set. */
  asOf?: string;
}

/**
 * A short, stable key of an identity: stored with every persisted run and model, and the namespace
 * of every cache key, so entries of two sources can never be mistaken for each other.
 */
export function sourceKey(identity: DataSourceIdentity): string {
  const canonical = JSON.stringify([
    identity.provider,
    identity.dir ?? null,
    identity.fingerprint ?? null,
    identity.asOf ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 24);
}

/** The identity as clients see it in `data_source` (absent fields left out). */
export function dataSourceView(identity: DataSourceIdentity): DataSourceView {
  return {
    provider: identity.provider,
    ...(identity.dir === undefined ? {} : { dir: identity.dir }),
    ...(identity.fingerprint === undefined ? {} : { fingerprint: identity.fingerprint }),
  };
}

/** `YYYY-MM-DD` of an epoch-millisecond timestamp (UTC, as bar dates are). */
export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
