import { informationCoefficient } from '@da-ki/ml';
import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '../common/tokens.js';
import {
  type ModelRecord,
  TRACK_RECORD_POINTS_CAP,
  type TrackRecordPoint,
  type TrackRecordQuery,
  type TrackRecordResponse,
} from '../contract/index.js';
import { dataSourceView } from '../data/data-source.js';
import type { Database } from '../db/database.js';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import { ScoringRunner } from '../scoring/scoring-runner.js';
import { ENSEMBLE_MODEL } from './forecast-records.js';
import { recordKey } from './record-key.js';
import { type RankedReturn, scoreForwardReturns } from './score-forward-returns.js';
import { closeAfter } from './trading-days.js';

/**
 * Horizon of the score's forward returns when the query names none: the forecast ensemble's
 * default horizon (30 trading days), so the score and the forecasts are judged over the same span.
 */
export const DEFAULT_SCORE_HORIZON = 30;

/** Fewest symbols an origin date needs for its cross-sectional IC (as `@da-ki/ml`'s default). */
const IC_MIN_SYMBOLS = 5;

/** `WHERE` of a query over `model_performance`: $1 source, $2 model, $3 horizon, $4 from, $5 to. */
const FORECAST_FILTER = `data_source_key = $1 AND ($2::text IS NULL OR model_name = $2)
  AND ($3::int IS NULL OR horizon_days = $3) AND ($4::date IS NULL OR origin_date >= $4)
  AND ($5::date IS NULL OR origin_date <= $5)`;

type Num = number | string | null;
const num = (v: Num): number | null => (v === null ? null : Number(v));

/**
 * The track record of the served data source: every recorded forecast judged against its outcome,
 * per model and horizon, beside the random walk on the same rows; and the score's forward returns.
 * Aggregates are computed in SQL; the per-date IC and the forward returns (which need the bars) here.
 */
@Injectable()
export class TrackRecordService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly market: MarketDataGateway,
    private readonly scoring: ScoringRunner,
  ) {}

  async trackRecord(query: TrackRecordQuery): Promise<TrackRecordResponse> {
    const params = [
      recordKey(this.market.source),
      query.model ?? null,
      query.horizon ?? null,
      query.from ?? null,
      query.to ?? null,
    ];
    const [models, points, coverage, score] = await Promise.all([
      this.models(params),
      this.points(params),
      this.coverage(params),
      this.score(query),
    ]);
    return {
      as_of: this.scoring.served?.asOf ?? null,
      data_source: dataSourceView(this.market.source),
      from: query.from ?? null,
      to: query.to ?? null,
      models,
      points: points.points,
      points_total: points.total,
      points_cap: TRACK_RECORD_POINTS_CAP,
      coverage_over_time: coverage,
      score,
      pending: models.reduce((sum, m) => sum + m.pending, 0),
    };
  }

  private async models(params: unknown[]): Promise<ModelRecord[]> {
    const { rows } = await this.database.query<{
      model_name: string;
      horizon_days: number;
      count: Num;
      pending: Num;
      hit_rate: Num;
      rmse: Num;
      mape: Num;
      mean_accuracy: Num;
      coverage: Num;
      interval_level: Num;
      rw_count: Num;
      rw_rmse: Num;
      rw_mape: Num;
      rw_accuracy: Num;
    }>(
      `SELECT model_name, horizon_days,
         count(actual_price) AS count,
         count(*) - count(actual_price) AS pending,
         avg(CASE WHEN sign(predicted_price - origin_price) <> 0 AND sign(actual_price - origin_price) <> 0
                  THEN (sign(predicted_price - origin_price) = sign(actual_price - origin_price))::int END)
           AS hit_rate,
         sqrt(avg((predicted_return - actual_return) ^ 2)) AS rmse,
         avg(abs(predicted_price - actual_price) / actual_price) AS mape,
         avg(accuracy) AS mean_accuracy,
         avg(inside_interval::int) AS coverage,
         max(interval_level) AS interval_level,
         count(actual_price) AS rw_count,
         sqrt(avg(actual_return ^ 2)) AS rw_rmse,
         avg(abs(origin_price - actual_price) / actual_price) AS rw_mape,
         avg(1 - abs(origin_price - actual_price) / actual_price) AS rw_accuracy
       FROM model_performance WHERE ${FORECAST_FILTER}
       GROUP BY model_name, horizon_days`,
      params,
    );
    const ics = await this.ics(params);
    return rows
      .map((r) => {
        const ic = ics.get(`${r.model_name}\u0000${r.horizon_days}`);
        return {
          model: r.model_name,
          horizon_days: Number(r.horizon_days),
          count: Number(r.count),
          hit_rate: num(r.hit_rate),
          rmse: num(r.rmse),
          mape: num(r.mape),
          mean_accuracy: num(r.mean_accuracy),
          coverage: num(r.coverage),
          interval_level: num(r.interval_level),
          ic: ic?.pearson ?? null,
          rank_ic: ic?.spearman ?? null,
          ic_dates: ic?.dates ?? 0,
          baselines: {
            random_walk: {
              count: Number(r.rw_count),
              hit_rate: null,
              rmse: num(r.rw_rmse),
              mape: num(r.rw_mape),
              mean_accuracy: num(r.rw_accuracy),
            },
          },
          pending: Number(r.pending),
        };
      })
      .sort(
        (a, b) =>
          Number(b.model === ENSEMBLE_MODEL) - Number(a.model === ENSEMBLE_MODEL) ||
          a.model.localeCompare(b.model) ||
          a.horizon_days - b.horizon_days,
      );
  }

  /** Mean per-origin Pearson and Spearman IC of predicted against realised return, per model and horizon. */
  private async ics(
    params: unknown[],
  ): Promise<Map<string, { pearson: number | null; spearman: number | null; dates: number }>> {
    const { rows } = await this.database.query<{
      model_name: string;
      horizon_days: number;
      origin_date: string;
      predicted_return: number;
      actual_return: number;
    }>(
      `SELECT model_name, horizon_days, origin_date::text AS origin_date, predicted_return, actual_return
       FROM model_performance WHERE ${FORECAST_FILTER} AND actual_price IS NOT NULL`,
      params,
    );
    const groups = new Map<string, { dates: number[]; predicted: number[]; actual: number[] }>();
    for (const r of rows) {
      const key = `${r.model_name}\u0000${r.horizon_days}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { dates: [], predicted: [], actual: [] }));
      g.dates.push(Date.parse(r.origin_date));
      g.predicted.push(Number(r.predicted_return));
      g.actual.push(Number(r.actual_return));
    }
    const out = new Map<string, { pearson: number | null; spearman: number | null; dates: number }>();
    for (const [key, g] of groups) {
      const options = { minCount: IC_MIN_SYMBOLS };
      const pearson = informationCoefficient(g.dates, g.predicted, g.actual, {
        ...options,
        method: 'pearson',
      });
      const spearman = informationCoefficient(g.dates, g.predicted, g.actual, {
        ...options,
        method: 'spearman',
      });
      out.set(key, {
        pearson: pearson?.mean ?? null,
        spearman: spearman?.mean ?? null,
        dates: spearman?.dates ?? pearson?.dates ?? 0,
      });
    }
    return out;
  }

  private async points(params: unknown[]): Promise<{ points: TrackRecordPoint[]; total: number }> {
    const [list, total] = await Promise.all([
      this.database.query<{
        symbol: string;
        model_name: string;
        horizon_days: number;
        origin_date: string;
        target_date: string;
        predicted_return: number;
        actual_return: number;
        predicted_price: number;
        actual_price: number;
        lower_price: number | null;
        upper_price: number | null;
        replayed: boolean;
      }>(
        `SELECT symbol, model_name, horizon_days, origin_date::text AS origin_date,
                target_date::text AS target_date, predicted_return, actual_return, predicted_price,
                actual_price, lower_price, upper_price, replayed
         FROM model_performance WHERE ${FORECAST_FILTER} AND actual_price IS NOT NULL
         ORDER BY origin_date DESC, model_name, symbol, horizon_days LIMIT ${TRACK_RECORD_POINTS_CAP}`,
        params,
      ),
      this.database.query<{ n: Num }>(
        `SELECT count(*) AS n FROM model_performance WHERE ${FORECAST_FILTER} AND actual_price IS NOT NULL`,
        params,
      ),
    ]);
    return {
      total: Number(total.rows[0]?.n ?? 0),
      points: list.rows.map((r) => ({
        symbol: r.symbol,
        model: r.model_name,
        horizon_days: Number(r.horizon_days),
        origin_date: r.origin_date,
        target_date: r.target_date,
        predicted_return: Number(r.predicted_return),
        actual_return: Number(r.actual_return),
        predicted_price: Number(r.predicted_price),
        actual_price: Number(r.actual_price),
        lower_price: num(r.lower_price),
        upper_price: num(r.upper_price),
        replayed: r.replayed,
      })),
    };
  }

  private async coverage(params: unknown[]): Promise<TrackRecordResponse['coverage_over_time']> {
    const { rows } = await this.database.query<{
      period: string;
      model_name: string;
      count: Num;
      coverage: Num;
    }>(
      `SELECT to_char(origin_date, 'YYYY-MM') AS period, model_name, count(*) AS count,
              avg(inside_interval::int) AS coverage
       FROM model_performance WHERE ${FORECAST_FILTER} AND inside_interval IS NOT NULL
       GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
    return rows.map((r) => ({
      period: r.period,
      model: r.model_name,
      count: Number(r.count),
      coverage: Number(r.coverage),
    }));
  }

  /** Forward returns of the last run of each date of data in range, by rank and score decile. */
  private async score(query: TrackRecordQuery): Promise<TrackRecordResponse['score']> {
    const horizon = query.horizon ?? DEFAULT_SCORE_HORIZON;
    const { rows } = await this.database.query<{
      as_of: string;
      symbol: string;
      rank: number;
      decile: number;
      current_price: Num;
    }>(
      `SELECT g.as_of::text AS as_of, g.symbol, g.rank, g.current_price,
              ntile(10) OVER (PARTITION BY g.run_id ORDER BY g.score, g.rank DESC) AS decile
       FROM growth_forecasts g
       JOIN (SELECT DISTINCT ON (as_of) as_of, run_id FROM growth_forecasts
             WHERE data_source_key = $1 AND ($2::date IS NULL OR as_of >= $2)
               AND ($3::date IS NULL OR as_of <= $3)
             ORDER BY as_of, created_at DESC) r ON g.run_id = r.run_id`,
      [this.market.sourceKey, query.from ?? null, query.to ?? null],
    );
    const bars = new Map(
      await Promise.all(
        [...new Set(rows.map((r) => r.symbol))].map(
          async (s) => [s, await this.market.bars(s).catch(() => undefined)] as const,
        ),
      ),
    );
    const ranked: RankedReturn[] = rows.map((r) => {
      const series = bars.get(r.symbol);
      const target = series ? closeAfter(series, r.as_of, horizon) : undefined;
      return {
        date: r.as_of,
        rank: Number(r.rank),
        decile: Number(r.decile),
        forwardReturn: target ? target.price / Number(r.current_price) - 1 : undefined,
      };
    });
    return { horizon_days: horizon, ...scoreForwardReturns(ranked) };
  }
}
