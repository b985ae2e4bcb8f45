import { randomUUID } from 'node:crypto';
import { partitionByHistory, StockPredictionEnsemble } from '@da-ki/ml';
import {
  type BarSeries,
  type Fundamentals,
  type NewsItem,
  ScoringEngine,
  type SymbolInfo,
  sliceBarsByTime,
} from '@da-ki/sdk';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CONFIG, DATABASE } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { isoDate } from '../data/data-source.js';
import type { Database } from '../db/database.js';
import { ensembleOptions } from '../forecasts/forecast-settings.js';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import { RUN_VALIDITY_MS, SCORE_MODEL_VERSION, type ScoredRun } from '../scoring/score-run.js';
import { ScoreRunRepository } from '../scoring/score-run.repository.js';
import { TrackRecordRecorder } from './track-record-recorder.js';
import { dayStart } from './trading-days.js';

/** Headlines per symbol a replayed run scores, as many as a live run reads (the analyzer's default). */
const NEWS_PER_SYMBOL = 50;
const DAY_MS = 86_400_000;

/** What a replay did. */
export interface ReplayReport {
  origins: number;
  /** Origins already replayed before (skipped). */
  skipped: number;
  fits: number;
  forecasts: number;
  seconds: number;
}

/** One stock with everything the provider knows, cut to a date by {@link knownOn}. */
interface Member {
  info: SymbolInfo;
  bars: BarSeries;
  fundamentals: Fundamentals | undefined;
  news: NewsItem[];
}

/**
 * The past scored and forecast as if live (`REPLAY_MONTHS`, or {@link start} as a job): for each
 * trading day of the last months, a run from only the bars, headlines and fundamentals known on that
 * day, stored as a replayed `growth_forecasts` run, and a forecast of each symbol by an ensemble
 * fitted once a month (counted from the first origin) on the bars before that month's first origin,
 * stored as replayed
 * `model_performance` rows; then the outcomes are filled. Runs in the background; origins replayed
 * before are skipped, so a restart resumes.
 *
 * Fundamentals: a provider that dates them (the folder's `asOf`) gives the row known on each date,
 * and none before the first report; undated fundamentals (the synthetic provider's) are static, so
 * they are used on every date.
 */
@Injectable()
export class ReplayRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger('Replay');
  private running: Promise<ReplayReport> | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: Database,
    private readonly market: MarketDataGateway,
    private readonly runs: ScoreRunRepository,
    private readonly recorder: TrackRecordRecorder,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.replayMonths === 0) return;
    // In the background: the server answers meanwhile.
    this.start(this.config.replayMonths).catch((error: Error) =>
      this.logger.error(`replay failed: ${error.message}`),
    );
  }

  /** Whether a replay is running. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Replays the last `months` months (one replay at a time: a second call joins the first). */
  start(months: number): Promise<ReplayReport> {
    this.running ??= this.replay(months).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async replay(months: number): Promise<ReplayReport> {
    const started = Date.now();
    await this.market.syncSource();
    const source = this.market.source;
    const sourceKey = this.market.sourceKey;
    const members = await this.members();
    const origins = replayOrigins(
      members.map((m) => m.bars),
      months,
    );
    const done = await this.replayedDates(sourceKey);
    const todo = origins.filter((o) => !done.has(o));
    this.logger.log(
      `replaying ${todo.length} trading days (${origins.length - todo.length} done before) of ${members.length} symbols`,
    );
    const engine = new ScoringEngine();
    let fits = 0;
    let forecasts = 0;
    let model: { month: number; ensemble: StockPredictionEnsemble } | undefined;
    for (const [i, origin] of todo.entries()) {
      const members_ = members.map((m) => knownOn(m, origin)).filter((m) => m.bars.close.length > 0);
      const results = engine.scoreUniverse(
        members_.map((m) => ({
          symbol: m.info.symbol,
          name: m.info.name,
          sector: m.info.sector || m.fundamentals?.sector || 'Unknown',
          bars: m.bars,
          ...(m.fundamentals ? { fundamentals: m.fundamentals } : {}),
          news: m.news,
        })),
      );
      const createdAt = new Date(dayStart(origin));
      const closes = new Map(
        members_.map((m) => [m.info.symbol, m.bars.close[m.bars.close.length - 1] as number]),
      );
      const stocks = results.map(({ lastClose, lastTimestamp: _at, ...r }) => ({
        ...r,
        currentPrice: lastClose ?? (closes.get(r.symbol) as number),
      }));
      const run: ScoredRun = {
        runId: randomUUID(),
        createdAt,
        validUntil: new Date(createdAt.getTime() + RUN_VALIDITY_MS),
        modelVersion: SCORE_MODEL_VERSION,
        source,
        sourceKey,
        asOf: origin,
        results: stocks,
        bySymbol: new Map(stocks.map((s) => [s.symbol, s])),
      };
      // The data source may have changed meanwhile: then this replay's runs are of no use.
      if (this.market.sourceKey !== sourceKey) throw new Error('the data source changed during the replay');
      await this.runs.save(run, { replayed: true });
      const { usable } = partitionByHistory(members_.map((m) => ({ bars: m.bars })));
      const month = monthsSince(origins[0] as string, origin);
      if (usable.length > 0 && model?.month !== month) {
        // Fitted on the bars before the block's first origin: every origin of the block is out of sample.
        const before = isoDate(dayStart(origin) - DAY_MS);
        const training = partitionByHistory(members.map((m) => ({ bars: knownOn(m, before).bars }))).usable;
        if (training.length > 0) {
          const ensemble = new StockPredictionEnsemble(ensembleOptions('fast'));
          await ensemble.fit(training);
          model = { month, ensemble };
          fits++;
        }
      }
      if (model && usable.length > 0) {
        const predictions = await model.ensemble.predict(usable);
        forecasts += await this.recorder.record({ run, predictions, model: model.ensemble }, true);
      }
      this.progress(i + 1, todo.length, started);
    }
    await this.recorder.fillOutcomes();
    const report = {
      origins: todo.length,
      skipped: origins.length - todo.length,
      fits,
      forecasts,
      seconds: (Date.now() - started) / 1000,
    };
    this.logger.log(
      `replay done: ${report.origins} trading days, ${report.fits} ensemble fits, ${report.forecasts} forecast rows in ${report.seconds.toFixed(0)} s`,
    );
    return report;
  }

  private progress(done: number, total: number, started: number): void {
    if (done !== total && done % 5 !== 0) return;
    const elapsed = (Date.now() - started) / 1000;
    const eta = (elapsed / done) * (total - done);
    this.logger.log(
      `replay: ${done}/${total} trading days, ${elapsed.toFixed(0)} s, ETA ${eta.toFixed(0)} s`,
    );
  }

  /** Every symbol with all its bars, fundamentals and headlines (cut per date later). */
  private async members(): Promise<Member[]> {
    const { fundamentals, news } = this.market.analyzerInputs();
    const infos = await this.market.listSymbols();
    const members = await Promise.all(
      infos.map(async (info): Promise<Member | undefined> => {
        const bars = await this.market.bars(info.symbol).catch(() => undefined);
        if (!bars) return undefined;
        const [f, n] = await Promise.all([
          fundamentals?.getFundamentals(info.symbol).catch(() => undefined),
          news?.getNews(info.symbol).catch(() => []),
        ]);
        return { info, bars, fundamentals: f, news: n ?? [] };
      }),
    );
    return members.filter((m): m is Member => m !== undefined);
  }

  /** Dates of data that already have a replayed run of the source. */
  private async replayedDates(sourceKey: string): Promise<Set<string>> {
    const { rows } = await this.database.query<{ as_of: string }>(
      'SELECT DISTINCT as_of::text AS as_of FROM growth_forecasts WHERE data_source_key = $1 AND replayed',
      [sourceKey],
    );
    return new Set(rows.map((r) => r.as_of));
  }
}

/**
 * The trading days to replay: every date with a bar in the last `months` calendar months before the
 * latest bar date, the latest itself excluded (that one is scored live), oldest first.
 */
export function replayOrigins(series: readonly BarSeries[], months: number): string[] {
  const dates = new Set<string>();
  let latest = Number.NEGATIVE_INFINITY;
  for (const bars of series) {
    const t = bars.timestamps;
    if (t.length > 0) latest = Math.max(latest, t[t.length - 1] as number);
  }
  if (!Number.isFinite(latest) || months <= 0) return [];
  const last = isoDate(latest);
  const start = new Date(dayStart(last));
  start.setUTCMonth(start.getUTCMonth() - months);
  const first = isoDate(start.getTime());
  for (const bars of series) {
    const t = bars.timestamps;
    for (let i = t.length - 1; i >= 0; i--) {
      const date = isoDate(t[i] as number);
      if (date <= first) break;
      if (date < last) dates.add(date);
    }
  }
  return [...dates].sort();
}

/**
 * Whole months from `first` to `date` (both `YYYY-MM-DD`): the replay fits one model per month counted
 * from its first origin, so `n` months of replay need `n` fits whatever day of the month they start.
 */
export function monthsSince(first: string, date: string): number {
  const [fy, fm, fd] = first.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (y - fy) * 12 + (m - fm) - (d < fd ? 1 : 0);
}

/** A member as known at the end of `date`: bars up to it, fundamentals reported by it, headlines published by it. */
function knownOn(member: Member, date: string): Member {
  const end = dayStart(date) + DAY_MS - 1;
  const f = member.fundamentals;
  return {
    info: member.info,
    bars: sliceBarsByTime(member.bars, undefined, end),
    fundamentals: f && (f.asOf === undefined || f.asOf <= end) ? f : undefined,
    news: member.news
      .filter((item) => item.publishedAt <= end)
      .sort((a, b) => b.publishedAt - a.publishedAt)
      .slice(0, NEWS_PER_SYMBOL),
  };
}
