import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DATABASE } from '../common/tokens.js';
import type { Grade, ScoreHistoryQuery, ScoreHistoryResponse } from '../contract/index.js';
import { dataSourceView } from '../data/data-source.js';
import type { Database } from '../db/database.js';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import { ScoringRunner } from '../scoring/scoring-runner.js';

type Num = number | string;

/**
 * How a stock was scored over time: every kept run of the served data source (live runs, thinned
 * to the last of each date of data after a day, and replayed runs), oldest first.
 */
@Injectable()
export class ScoreHistoryService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly market: MarketDataGateway,
    private readonly scoring: ScoringRunner,
  ) {}

  async history(symbol: string, query: ScoreHistoryQuery): Promise<ScoreHistoryResponse> {
    const run = await this.scoring.latestRun();
    if (!run.bySymbol.has(symbol)) throw new NotFoundException(`${symbol} is not in the scored universe`);
    const { rows } = await this.database.query<{
      run_id: string;
      date: string;
      score: Num;
      performance_score: Num;
      fundamental_score: Num;
      sentiment_score: Num;
      sector_score: Num;
      momentum_score: Num;
      rank: number;
      current_price: Num;
      replayed: boolean;
      grade: Grade | null;
    }>(
      `SELECT run_id, as_of::text AS date, score, performance_score, fundamental_score, sentiment_score,
              sector_score, momentum_score, rank, current_price, replayed,
              details -> 'grades' ->> 'overall' AS grade
       FROM growth_forecasts
       WHERE data_source_key = $1 AND symbol = $2 AND ($3::date IS NULL OR as_of >= $3)
         AND ($4::date IS NULL OR as_of <= $4)
       ORDER BY as_of, created_at`,
      [run.sourceKey, symbol, query.from ?? null, query.to ?? null],
    );
    return {
      symbol,
      as_of: rows.at(-1)?.date ?? null,
      data_source: dataSourceView(run.source),
      points: rows.map((r) => ({
        date: r.date,
        run_id: r.run_id,
        score: Number(r.score),
        ...(r.grade === null ? {} : { grade: r.grade }),
        factors: {
          performance: Number(r.performance_score),
          fundamental: Number(r.fundamental_score),
          sentiment: Number(r.sentiment_score),
          sector: Number(r.sector_score),
          momentum: Number(r.momentum_score),
        },
        rank: Number(r.rank),
        price: Number(r.current_price),
        replayed: r.replayed,
      })),
    };
  }
}
