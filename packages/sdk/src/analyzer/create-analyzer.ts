import type { LayeredCache } from '../cache/index.js';
import { DaKiError } from '../data/errors.js';
import { parseWith } from '../data/parse.js';
import {
  type BarSeries,
  type Fundamentals,
  fundamentalsSchema,
  type NewsItem,
  newsItemSchema,
  type SymbolInfo,
} from '../data/schemas.js';
import { toValidatedBars } from '../data/validate-bars.js';
import type { FundamentalsProvider, MarketDataProvider, NewsProvider, SectorProvider } from '../providers.js';
import {
  type ScoreResult,
  ScoringEngine,
  type ScoringEngineOptions,
  type StockSnapshot,
} from '../scoring/index.js';
import { mapWithConcurrency } from '../util/concurrency.js';
import { analyzerCacheKeys } from './cache-keys.js';
import type { AnalyzerProgress, SymbolError } from './progress.js';

/** Options of {@link createAnalyzer}. Only `market` is required. */
export interface AnalyzerOptions {
  /** Source of symbols and daily bars. */
  market: MarketDataProvider;
  /** Source of fundamentals; without it the fundamental factor is neutral. */
  fundamentals?: FundamentalsProvider;
  /** Source of headlines; without it the sentiment factor is neutral. */
  news?: NewsProvider;
  /** Source of sectors; without it the sector from `listSymbols` (or fundamentals) is used. */
  sectors?: SectorProvider;
  /** Cache for provider data (bars, fundamentals, news, sectors), keyed by kind and symbol. */
  cache?: LayeredCache;
  /** Factor weights; see `DEFAULT_WEIGHTS`. */
  weights?: ScoringEngineOptions['weights'];
  /** Further scoring options (sentiment analyzer, half-life, ...). */
  scoring?: Omit<ScoringEngineOptions, 'weights'>;
  /** Symbols fetched at once. Default 8. */
  concurrency?: number;
  /** Bars requested per symbol: this many calendar days back from the provider's latest. Default: all. */
  historyDays?: number;
  /** Headlines requested per symbol. Default 50. */
  newsLimit?: number;
  /** How long a finished run is reused by `top` and `score`, in ms. Default 60 s. */
  reuseRunMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** Options of {@link Analyzer.scoreAll}. */
export interface ScoreAllOptions {
  /** Called after each symbol is fetched and once after scoring. */
  onProgress?: (progress: AnalyzerProgress) => void;
  /** Score only these symbols (default: the provider's whole universe). */
  symbols?: readonly string[];
  /** Aborts the fetch phase. */
  signal?: AbortSignal;
}

/** The outcome of a run: scores for what could be scored, errors for the rest. */
export interface AnalysisRun {
  /** Results, best first. */
  results: ScoreResult[];
  /** Symbols that failed, with the reason. */
  errors: SymbolError[];
  /** When the run started (epoch ms). */
  startedAt: number;
  /** Duration of the fetch phase and the scoring phase, ms. */
  timings: { fetchMs: number; scoreMs: number };
}

/** The facade over providers, validation and scoring. */
export interface Analyzer {
  /** Fetches and scores the universe; one bad symbol never fails the run. */
  scoreAll(options?: ScoreAllOptions): Promise<AnalysisRun>;
  /** The `n` best results of a fresh (or recently reused) run. */
  top(n: number): Promise<ScoreResult[]>;
  /** One symbol's result, scored within its universe (cross-sectional scores need the universe). */
  score(symbol: string): Promise<ScoreResult>;
  /** The scoring engine in use. */
  readonly engine: ScoringEngine;
}

/** Thrown by `Analyzer.score` when a symbol could not be scored; `cause` says why. */
export class SymbolNotScoredError extends DaKiError {
  override name = 'SymbolNotScoredError';
  constructor(
    readonly symbol: string,
    reason: string,
  ) {
    super(`${symbol} could not be scored: ${reason}`);
  }
}

/**
 * Creates an analyzer: providers → validate → features → five factor scores → ranking.
 *
 * @example
 * ```ts
 * const analyzer = createAnalyzer({ market: provider, fundamentals: provider, news: provider });
 * const best = await analyzer.top(10);
 * ```
 */
export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  if (!options?.market) throw new DaKiError('createAnalyzer needs a `market` provider');
  const engine = new ScoringEngine({ ...options.scoring, weights: options.weights });
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
  const reuseRunMs = options.reuseRunMs ?? 60_000;
  const now = options.now ?? Date.now;
  let lastRun: { run: AnalysisRun; at: number } | undefined;

  const cached = <T>(key: string, load: () => Promise<T>): Promise<T> =>
    options.cache ? (options.cache.get(key, load) as Promise<T>) : load();

  async function fetchSnapshot(info: SymbolInfo): Promise<StockSnapshot> {
    const symbol = info.symbol;
    const raw = await cached(analyzerCacheKeys.bars(options.market.name, symbol), () =>
      options.market.getBars(symbol, barRange()),
    );
    // A provider's validated series is taken as is; anything else is validated here, once.
    const bars = toValidatedBars(raw as BarSeries);
    const [fundamentals, news, sector] = await Promise.all([
      options.fundamentals
        ? cached(analyzerCacheKeys.fundamentals(symbol), () =>
            options.fundamentals!.getFundamentals(symbol),
          ).then(parseFundamentals)
        : undefined,
      options.news
        ? cached(analyzerCacheKeys.news(symbol), () =>
            options.news!.getNews(symbol, { limit: options.newsLimit ?? 50 }),
          ).then(parseNews)
        : undefined,
      options.sectors
        ? cached(analyzerCacheKeys.sector(symbol), () => options.sectors!.getSector(symbol))
        : undefined,
    ]);
    return {
      symbol,
      name: info.name,
      sector: sector || info.sector || fundamentals?.sector || 'Unknown',
      bars,
      fundamentals,
      news,
    };
  }

  function barRange(): { from?: number } | undefined {
    if (options.historyDays === undefined) return undefined;
    return { from: now() - options.historyDays * 86_400_000 };
  }

  async function universe(symbols: readonly string[] | undefined): Promise<SymbolInfo[]> {
    const listed = await options.market.listSymbols();
    if (!symbols) return listed;
    const bySymbol = new Map(listed.map((info) => [info.symbol, info]));
    return symbols.map((symbol) => bySymbol.get(symbol) ?? { symbol, name: symbol, sector: '' });
  }

  async function scoreAll(runOptions: ScoreAllOptions = {}): Promise<AnalysisRun> {
    const startedAt = now();
    const fetchStart = performance.now();
    const infos = await universe(runOptions.symbols);
    const errors: SymbolError[] = [];
    const snapshots: StockSnapshot[] = [];
    let completed = 0;
    await mapWithConcurrency(infos, concurrency, async (info) => {
      runOptions.signal?.throwIfAborted();
      try {
        snapshots.push(await fetchSnapshot(info));
      } catch (error) {
        errors.push(describeError(info.symbol, error));
      }
      completed++;
      runOptions.onProgress?.({
        phase: 'fetch',
        completed,
        total: infos.length,
        symbol: info.symbol,
        failed: errors.length,
      });
    });
    const fetchMs = performance.now() - fetchStart;
    const scoreStart = performance.now();
    // Input order must not depend on which fetch finished first: sort for reproducible ties.
    snapshots.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
    const results = snapshots.length > 0 ? engine.scoreUniverse(snapshots) : [];
    const scoreMs = performance.now() - scoreStart;
    runOptions.onProgress?.({ phase: 'score', completed: 1, total: 1, failed: errors.length });
    errors.sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
    const run = { results, errors, startedAt, timings: { fetchMs, scoreMs } };
    if (!runOptions.symbols) lastRun = { run, at: now() };
    return run;
  }

  async function latestRun(): Promise<AnalysisRun> {
    if (lastRun && now() - lastRun.at < reuseRunMs) return lastRun.run;
    return scoreAll();
  }

  return {
    engine,
    scoreAll,
    async top(n: number) {
      if (!Number.isInteger(n) || n < 1)
        throw new DaKiError(`top(n): n must be a positive integer, got ${n}`);
      return (await latestRun()).results.slice(0, n);
    },
    async score(symbol: string) {
      let run = await latestRun();
      let result = run.results.find((r) => r.symbol === symbol);
      if (!result && !run.errors.some((e) => e.symbol === symbol)) {
        // Not in the provider's listing: score it together with the listed universe.
        const listed = run.results.map((r) => r.symbol);
        run = await scoreAll({ symbols: [...listed, symbol] });
        result = run.results.find((r) => r.symbol === symbol);
      }
      if (result) return result;
      const failure = run.errors.find((e) => e.symbol === symbol);
      throw new SymbolNotScoredError(symbol, failure ? `${failure.name}: ${failure.message}` : 'no data');
    },
  };
}

function parseFundamentals(value: Fundamentals): Fundamentals {
  return parseWith(fundamentalsSchema, value, { symbol: value?.symbol, field: 'fundamentals' });
}

/** Built once: `.array()` makes a new schema (and zod compiles it anew) on every call. */
const newsListSchema = newsItemSchema.array();

function parseNews(items: NewsItem[]): NewsItem[] {
  return parseWith(newsListSchema, items, { symbol: items[0]?.symbol, field: 'news' });
}

function describeError(symbol: string, error: unknown): SymbolError {
  if (error instanceof Error) return { symbol, name: error.name, message: error.message };
  return { symbol, name: 'Error', message: String(error) };
}
