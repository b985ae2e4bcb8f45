import type { ScoreResult } from '@da-ki/sdk';
import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '../common/tokens.js';
import type { DataSourceIdentity } from '../data/data-source.js';
import type { Database } from '../db/database.js';
import { insertRows } from '../db/insert-rows.js';
import type { ScoredRun, ScoredStock } from './score-run.js';

/** Drill-down fields of a result, stored together in the `details` jsonb column. */
type StoredDetails = Pick<ScoreResult, 'details' | 'grades' | 'risk' | 'confidence' | 'sectorSize'>;

/** A `growth_forecasts` row as written: one scored stock of one run (column names as in the table). */
export interface GrowthForecastRow {
  run_id: string;
  symbol: string;
  name: string;
  sector: string;
  rank: number;
  sector_rank: number;
  /** NUMERIC columns are written as decimal strings, so no binary rounding reaches the table. */
  score: string;
  performance_score: string;
  fundamental_score: string;
  sentiment_score: string;
  sector_score: string;
  momentum_score: string;
  current_price: string;
  confidence_level: ScoreResult['confidenceLevel'];
  risk_level: ScoreResult['riskLevel'];
  /** jsonb, written as JSON text. */
  explanations: string;
  details: string;
  model_version: string;
  created_at: Date;
  valid_until: Date;
  data_source_key: string;
  data_provider: string;
  data_dir: string | null;
  data_fingerprint: string | null;
  /** `YYYY-MM-DD`. */
  as_of: string;
  /** Scored afterwards by the replay from the data known on `as_of` (never served as the latest run). */
  replayed: boolean;
}

/**
 * A `growth_forecasts` row as read: NUMERIC comes back as a string (pg) or number (PGlite), jsonb
 * parsed, timestamps as Date, `as_of` selected as text (pg turns a date into a local-midnight Date,
 * PGlite into a UTC one).
 */
interface StoredForecastRow {
  run_id: string;
  symbol: string;
  name: string | null;
  sector: string;
  rank: number;
  sector_rank: number;
  score: string | number;
  performance_score: string | number;
  fundamental_score: string | number;
  sentiment_score: string | number;
  sector_score: string | number;
  momentum_score: string | number;
  current_price: string | number;
  confidence_level: ScoreResult['confidenceLevel'];
  risk_level: ScoreResult['riskLevel'];
  explanations: string[];
  details: StoredDetails;
  model_version: string;
  created_at: Date | string;
  valid_until: Date | string;
  data_source_key: string;
  data_provider: string;
  data_dir: string | null;
  data_fingerprint: string | null;
  as_of: string;
}

const COLUMNS: readonly (keyof GrowthForecastRow)[] = [
  'run_id',
  'symbol',
  'name',
  'sector',
  'rank',
  'sector_rank',
  'score',
  'performance_score',
  'fundamental_score',
  'sentiment_score',
  'sector_score',
  'momentum_score',
  'current_price',
  'confidence_level',
  'risk_level',
  'explanations',
  'details',
  'model_version',
  'created_at',
  'valid_until',
  'data_source_key',
  'data_provider',
  'data_dir',
  'data_fingerprint',
  'as_of',
  'replayed',
];

/** The columns {@link ScoreRunRepository.latest} reads back (`as_of` as text, see StoredForecastRow). */
const READ_COLUMNS = COLUMNS.filter((c) => c !== 'as_of' && c !== 'replayed');

/** The forecast of one symbol of a run, as stored beside its score. */
export interface RunForecast {
  symbol: string;
  predictedPrice: number;
  expectedReturn: number;
}

/** Runs older than this are thinned to the last run of each date of data (the score history). */
const KEEP_EVERY_RUN = "interval '1 day'";
/** How far back (in days of data) a save thins: older dates were thinned by earlier saves. */
const THIN_WINDOW_DAYS = 10;

/** The stored form of one scored stock of `run` (`replayed`: scored afterwards by the replay). */
export function toForecastRow(run: ScoredRun, r: ScoredStock, replayed = false): GrowthForecastRow {
  const details: StoredDetails = {
    details: r.details,
    grades: r.grades,
    risk: r.risk,
    confidence: r.confidence,
    sectorSize: r.sectorSize,
  };
  return {
    run_id: run.runId,
    symbol: r.symbol,
    name: r.name,
    sector: r.sector,
    rank: r.rank,
    sector_rank: r.sectorRank,
    score: r.score.toFixed(2),
    performance_score: r.factors.performance.toFixed(2),
    fundamental_score: r.factors.fundamental.toFixed(2),
    sentiment_score: r.factors.sentiment.toFixed(2),
    sector_score: r.factors.sector.toFixed(2),
    momentum_score: r.factors.momentum.toFixed(2),
    current_price: r.currentPrice.toFixed(4),
    confidence_level: r.confidenceLevel,
    risk_level: r.riskLevel,
    explanations: JSON.stringify(r.explanations),
    details: JSON.stringify(details),
    model_version: run.modelVersion,
    created_at: run.createdAt,
    valid_until: run.validUntil,
    data_source_key: run.sourceKey,
    data_provider: run.source.provider,
    data_dir: run.source.dir ?? null,
    data_fingerprint: run.source.fingerprint ?? null,
    as_of: run.asOf,
    replayed,
  };
}

/** A scored stock from its stored row. */
function fromForecastRow(row: StoredForecastRow): ScoredStock {
  return {
    symbol: row.symbol,
    name: row.name ?? row.symbol,
    sector: row.sector,
    score: Number(row.score),
    factors: {
      performance: Number(row.performance_score),
      fundamental: Number(row.fundamental_score),
      sentiment: Number(row.sentiment_score),
      sector: Number(row.sector_score),
      momentum: Number(row.momentum_score),
    },
    rank: Number(row.rank),
    sectorRank: Number(row.sector_rank),
    riskLevel: row.risk_level,
    confidenceLevel: row.confidence_level,
    explanations: row.explanations,
    currentPrice: Number(row.current_price),
    ...row.details,
  };
}

/**
 * Scoring runs in `growth_forecasts`, one row per scored stock, on PGlite and PostgreSQL alike:
 * typed rows ({@link GrowthForecastRow}) written by {@link insertRows}, read back by one mapper.
 */
@Injectable()
export class ScoreRunRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Writes a run in one transaction and, in the same transaction, deletes every run of another data
   * source and thins live runs older than a day to the last run of each date of data (what the score
   * history shows). Replayed runs (`replayed`) are kept: they are the history before the server ran.
   */
  async save(run: ScoredRun, options: { replayed?: boolean } = {}): Promise<void> {
    const rows = run.results.map((r) => toForecastRow(run, r, options.replayed ?? false));
    await this.database.transaction(async (tx) => {
      await insertRows(tx, 'growth_forecasts', COLUMNS, rows);
      await tx.query('DELETE FROM growth_forecasts WHERE data_source_key IS DISTINCT FROM $1', [
        run.sourceKey,
      ]);
      // Bounded to recent dates of data, so a save never scans the whole history.
      await tx.query(
        `DELETE FROM growth_forecasts g
         WHERE g.data_source_key = $1 AND NOT g.replayed AND g.created_at < now() - ${KEEP_EVERY_RUN}
           AND g.as_of >= $2::date - ${THIN_WINDOW_DAYS}
           AND EXISTS (SELECT 1 FROM growth_forecasts n
                       WHERE n.data_source_key = $1 AND n.as_of = g.as_of AND n.created_at > g.created_at)`,
        [run.sourceKey, run.asOf],
      );
    });
  }

  /**
   * Stores the forecasts of a run beside its scores (`predicted_price`, `expected_return`), in one
   * statement; forecasts arrive after the run was saved. Returns how many rows were updated.
   */
  async saveForecasts(runId: string, forecasts: readonly RunForecast[]): Promise<number> {
    const usable = forecasts.filter(
      (f) => Number.isFinite(f.predictedPrice) && f.predictedPrice > 0 && Number.isFinite(f.expectedReturn),
    );
    if (usable.length === 0) return 0;
    const result = await this.database.query(
      `UPDATE growth_forecasts g
       SET predicted_price = round(f.predicted_price::numeric, 4), expected_return = round(f.expected_return::numeric, 6)
       FROM (SELECT unnest($2::text[]) AS symbol, unnest($3::float8[]) AS predicted_price,
                    unnest($4::float8[]) AS expected_return) f
       WHERE g.run_id = $1 AND g.symbol = f.symbol`,
      [
        runId,
        usable.map((f) => f.symbol),
        usable.map((f) => f.predictedPrice),
        usable.map((f) => f.expectedReturn),
      ],
    );
    return result.rowCount;
  }

  /** Deletes the runs of every other data source; returns how many rows. */
  async deleteOtherSources(sourceKey: string): Promise<number> {
    const result = await this.database.query(
      'DELETE FROM growth_forecasts WHERE data_source_key IS DISTINCT FROM $1',
      [sourceKey],
    );
    return result.rowCount;
  }

  /** The newest run of `source`, or undefined when none is stored. */
  async latest(source: DataSourceIdentity, sourceKey: string): Promise<ScoredRun | undefined> {
    const rows = (
      await this.database.query<StoredForecastRow>(
        `SELECT ${READ_COLUMNS.join(', ')}, as_of::text AS as_of
         FROM growth_forecasts
         WHERE run_id = (SELECT run_id FROM growth_forecasts WHERE data_source_key = $1 AND NOT replayed
                         ORDER BY created_at DESC LIMIT 1)
         ORDER BY rank`,
        [sourceKey],
      )
    ).rows;
    const first = rows[0];
    if (!first) return undefined;
    const results = rows.map(fromForecastRow);
    return {
      runId: first.run_id,
      createdAt: new Date(first.created_at),
      validUntil: new Date(first.valid_until),
      modelVersion: first.model_version,
      source: {
        provider: first.data_provider,
        ...(first.data_dir === null ? {} : { dir: first.data_dir }),
        ...(first.data_fingerprint === null ? {} : { fingerprint: first.data_fingerprint }),
        // The as-of date is part of the configuration, not stored with the run.
        ...(source.asOf === undefined ? {} : { asOf: source.asOf }),
      },
      sourceKey: first.data_source_key,
      asOf: first.as_of,
      results,
      bySymbol: new Map(results.map((r) => [r.symbol, r])),
    };
  }
}
