import { Inject, Injectable } from '@nestjs/common';
import { type Observable, Subject } from 'rxjs';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import type { LiveQuote } from './live-quotes.js';
import { dailyVolatility, roundPrice, simulatedTickPrice } from './simulated-ticks.js';
import { isTradingHours } from './trading-hours.js';

/** Quotes of one tick, and the symbols that could not be priced. */
export interface FeedResult {
  quotes: LiveQuote[];
  failed: { symbol: string; reason: string }[];
}

/** A quote as the feed priced it, with what `stock_metrics` keeps beside the price. */
export interface PricedQuote {
  quote: LiveQuote;
  /** Volume of the bar the price is from; null for simulated prices (they have none). */
  volume: number | null;
  /** Epoch ms of that bar; null for simulated prices (computed at `quote.at`). */
  barTime: number | null;
  /** Duration of the provider call that fetched the bar; null for simulated prices (no call). */
  responseMs: number | null;
}

/**
 * Where intraday prices come from. The synthetic provider has no intraday data: it runs on a
 * simulated clock (every tick is a market minute, day and night, so demos move) and prices come
 * from {@link simulatedTickPrice} around the last close. Real providers are asked again for the
 * symbol's bars (the latest bar is today's, updated by the provider) during NYSE trading hours.
 */
@Injectable()
export class PriceFeed {
  private readonly priced = new Subject<PricedQuote>();

  constructor(
    private readonly market: MarketDataGateway,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every quote priced (stored or not), for the time-series store; subscribers must not throw. */
  get pricedQuotes(): Observable<PricedQuote> {
    return this.priced.asObservable();
  }

  /** Whether prices run on the simulated clock (synthetic provider). */
  get simulated(): boolean {
    return this.config.dataProvider === 'synthetic';
  }

  /** Whether there are prices to fetch at `at`: always on the simulated clock, else in trading hours. */
  isOpen(at: Date): boolean {
    return this.simulated || isTradingHours(at);
  }

  /** The price of each symbol at `tick`; one symbol's failure does not stop the others. */
  async quotes(symbols: readonly string[], tick: number): Promise<FeedResult> {
    const result: FeedResult = { quotes: [], failed: [] };
    for (const symbol of symbols) {
      try {
        result.quotes.push(
          this.simulated ? await this.simulatedQuote(symbol, tick) : await this.fetchedQuote(symbol, tick),
        );
      } catch (error) {
        result.failed.push({ symbol, reason: (error as Error).message });
      }
    }
    return result;
  }

  private async simulatedQuote(symbol: string, tick: number): Promise<LiveQuote> {
    const bars = await this.market.bars(symbol);
    const lastClose = bars.close[bars.close.length - 1] as number;
    const price = simulatedTickPrice({
      seed: this.config.syntheticSeed,
      symbol,
      lastClose,
      dailyVolatility: dailyVolatility(bars.close),
      tick,
    });
    const quote = { symbol, price, previousClose: roundPrice(lastClose), tick, at: Date.now() };
    this.priced.next({ quote, volume: null, barTime: null, responseMs: null });
    return quote;
  }

  private async fetchedQuote(symbol: string, tick: number): Promise<LiveQuote> {
    // Today's bar moves during trading hours: read past the cache (the next scoring run sees it too).
    const started = performance.now();
    const bars = await this.market.freshBars(symbol);
    const responseMs = performance.now() - started;
    const n = bars.close.length;
    const price = roundPrice(bars.close[n - 1] as number);
    const previousClose = roundPrice((n > 1 ? bars.close[n - 2] : bars.close[n - 1]) as number);
    const quote = { symbol, price, previousClose, tick, at: Date.now() };
    this.priced.next({
      quote,
      volume: bars.volume[n - 1] ?? null,
      barTime: bars.timestamps[n - 1] ?? null,
      responseMs,
    });
    return quote;
  }
}
