import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '../common/tokens.js';
import type { Database, Queryable } from '../db/database.js';

/** One forecast as `model_performance` keeps it before its horizon has passed. */
export interface ForecastRecord {
  dataSourceKey: string;
  symbol: string;
  /** `ensemble` or a base model's name. */
  modelName: string;
  modelVersion: string;
  horizonDays: number;
  /** `YYYY-MM-DD`: the date of the close the forecast starts from. */
  originDate: string;
  /** `YYYY-MM-DD`: expected date of the bar `horizonDays` later (replaced by the real one once known). */
  targetDate: string;
  originPrice: number;
  predictedPrice: number;
  predictedReturn: number;
  interval?: { lower: number; upper: number; level: number };
  replayed: boolean;
  /** When the row is written (retention ages rows by it); the origin date says when the forecast applies. */
  recordedAt: Date;
}

/** A forecast whose outcome is not known yet. */
export interface PendingForecast {
  symbol: string;
  modelName: string;
  horizonDays: number;
  originDate: string;
  originPrice: number;
  predictedPrice: number;
  lowerPrice: number | null;
  upperPrice: number | null;
}

/** The realised outcome of one pending forecast. */
export interface ForecastOutcome {
  symbol: string;
  modelName: string;
  horizonDays: number;
  originDate: string;
  /** The date of the bar the outcome was read from. */
  targetDate: string;
  actualPrice: number;
  actualReturn: number;
  accuracy: number;
  absoluteError: number;
}

/** Keys a forecast is unique by: one row per source, symbol, model, horizon and origin date. */
const SAME_FORECAST = `m.data_source_key = $1 AND m.symbol = v.symbol AND m.model_name = v.model_name
  AND m.horizon_days = v.horizon_days AND m.origin_date = v.origin_date`;

/**
 * `model_performance` rows: every served (or replayed) forecast, written once per source, symbol,
 * model, horizon and origin date — the table is partitioned and so has no unique constraint: writes
 * skip existing rows themselves, under a transaction-scoped advisory lock on PostgreSQL so that two
 * instances recording the same forecasts never both insert them.
 */
@Injectable()
export class ModelPerformanceRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Inserts the forecasts not recorded yet (all of one data source); returns how many were new. */
  async record(dataSourceKey: string, forecasts: readonly ForecastRecord[]): Promise<number> {
    if (forecasts.length === 0) return 0;
    return this.database.transaction(async (tx) => {
      await this.lock(tx, dataSourceKey);
      const column = <T>(pick: (f: ForecastRecord) => T) => forecasts.map(pick);
      const result = await tx.query(
        `INSERT INTO model_performance (recorded_at, data_source_key, symbol, model_name, model_version,
           horizon_days, origin_date, target_date, origin_price, predicted_price, predicted_return,
           lower_price, upper_price, interval_level, replayed)
         SELECT v.recorded_at, $1, v.symbol, v.model_name, v.model_version, v.horizon_days, v.origin_date,
           v.target_date, v.origin_price, v.predicted_price, v.predicted_return, v.lower_price,
           v.upper_price, v.interval_level, v.replayed
         FROM (SELECT DISTINCT ON (symbol, model_name, horizon_days, origin_date) *
               FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::int[], $7::date[],
                           $8::date[], $9::float8[], $10::float8[], $11::float8[], $12::float8[],
                           $13::float8[], $14::float8[], $15::boolean[])
                 AS u(recorded_at, symbol, model_name, model_version, horizon_days, origin_date,
                      target_date, origin_price, predicted_price, predicted_return, lower_price,
                      upper_price, interval_level, replayed)) v
         WHERE NOT EXISTS (SELECT 1 FROM model_performance m WHERE ${SAME_FORECAST})`,
        [
          dataSourceKey,
          column((f) => f.recordedAt.toISOString()),
          column((f) => f.symbol),
          column((f) => f.modelName),
          column((f) => f.modelVersion),
          column((f) => f.horizonDays),
          column((f) => f.originDate),
          column((f) => f.targetDate),
          column((f) => f.originPrice),
          column((f) => f.predictedPrice),
          column((f) => f.predictedReturn),
          column((f) => f.interval?.lower ?? null),
          column((f) => f.interval?.upper ?? null),
          column((f) => f.interval?.level ?? null),
          column((f) => f.replayed),
        ],
      );
      return result.rowCount;
    });
  }

  /** Forecasts of the source whose outcome is not filled yet. */
  async pending(dataSourceKey: string): Promise<PendingForecast[]> {
    const rows = await this.database.query<{
      symbol: string;
      model_name: string;
      horizon_days: number;
      origin_date: string;
      origin_price: number;
      predicted_price: number;
      lower_price: number | null;
      upper_price: number | null;
    }>(
      `SELECT symbol, model_name, horizon_days, origin_date::text AS origin_date, origin_price,
              predicted_price, lower_price, upper_price
       FROM model_performance WHERE data_source_key = $1 AND actual_price IS NULL`,
      [dataSourceKey],
    );
    return rows.rows.map((r) => ({
      symbol: r.symbol,
      modelName: r.model_name,
      horizonDays: Number(r.horizon_days),
      originDate: r.origin_date,
      originPrice: Number(r.origin_price),
      predictedPrice: Number(r.predicted_price),
      lowerPrice: r.lower_price === null ? null : Number(r.lower_price),
      upperPrice: r.upper_price === null ? null : Number(r.upper_price),
    }));
  }

  /** Writes outcomes in one statement; `inside_interval` is judged in SQL against the stored interval. */
  async saveOutcomes(dataSourceKey: string, outcomes: readonly ForecastOutcome[]): Promise<number> {
    if (outcomes.length === 0) return 0;
    const column = <T>(pick: (o: ForecastOutcome) => T) => outcomes.map(pick);
    const result = await this.database.query(
      `UPDATE model_performance m
       SET actual_price = v.actual_price, actual_return = v.actual_return, accuracy = v.accuracy,
           absolute_error = v.absolute_error, target_date = v.target_date, evaluated_at = now(),
           inside_interval = CASE WHEN m.lower_price IS NULL OR m.upper_price IS NULL THEN NULL
                                  ELSE v.actual_price BETWEEN m.lower_price AND m.upper_price END
       FROM unnest($2::text[], $3::text[], $4::int[], $5::date[], $6::date[], $7::float8[], $8::float8[],
                   $9::float8[], $10::float8[])
         AS v(symbol, model_name, horizon_days, origin_date, target_date, actual_price, actual_return,
              accuracy, absolute_error)
       WHERE ${SAME_FORECAST} AND m.actual_price IS NULL`,
      [
        dataSourceKey,
        column((o) => o.symbol),
        column((o) => o.modelName),
        column((o) => o.horizonDays),
        column((o) => o.originDate),
        column((o) => o.targetDate),
        column((o) => o.actualPrice),
        column((o) => o.actualReturn),
        column((o) => o.accuracy),
        column((o) => o.absoluteError),
      ],
    );
    return result.rowCount;
  }

  /** Origin dates of the source that already have replayed forecasts (the replay skips them). */
  async replayedOrigins(dataSourceKey: string): Promise<Set<string>> {
    const rows = await this.database.query<{ origin_date: string }>(
      `SELECT DISTINCT origin_date::text AS origin_date FROM model_performance
       WHERE data_source_key = $1 AND replayed`,
      [dataSourceKey],
    );
    return new Set(rows.rows.map((r) => r.origin_date));
  }

  private async lock(tx: Queryable, dataSourceKey: string): Promise<void> {
    if (this.database.kind === 'postgres')
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`model_performance:${dataSourceKey}`]);
  }
}
