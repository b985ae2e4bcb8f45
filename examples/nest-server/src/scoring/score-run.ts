import type { ScoreResult } from '@da-ki/sdk';
import type { DataSourceIdentity } from '../data/data-source.js';

/**
 * One scored stock as the server keeps it: the SDK's result with the close it was scored on as
 * `currentPrice` (the price positions and the API show), in place of `lastClose` / `lastTimestamp`.
 */
export type ScoredStock = Omit<ScoreResult, 'lastClose' | 'lastTimestamp'> & { currentPrice: number };

/** One scoring run as the API serves it. */
export interface ScoredRun {
  runId: string;
  createdAt: Date;
  validUntil: Date;
  modelVersion: string;
  /** The data the run was computed from; a run of another source is never served. */
  source: DataSourceIdentity;
  /** {@link sourceKey} of `source`. */
  sourceKey: string;
  /** Date of the data, `YYYY-MM-DD`: the folder's as-of date, else the latest bar of the run. */
  asOf: string;
  /** Results, best first. */
  results: ScoredStock[];
  bySymbol: Map<string, ScoredStock>;
}

/** A run that just finished, as the {@link ScoringRunner} publishes it. */
export interface FinishedRun {
  run: ScoredRun;
  /** Wall-clock seconds the run took (scoring and persisting). */
  seconds: number;
}

/** How long a run is served before the next one replaces it (the concept's 5-minute rhythm). */
export const RUN_VALIDITY_MS = 5 * 60_000;
export const SCORE_MODEL_VERSION = 'five-factor-1';
