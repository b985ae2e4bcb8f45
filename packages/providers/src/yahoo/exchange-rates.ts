import { ProviderError } from '../errors/index.js';
import type { Clock } from '../http/clock.js';
import type { HttpResponse } from '../http/http-client.js';
import { parseJsonBody, unexpectedStatusError } from '../http/parse-response.js';
import { tradingDateInZone } from './trading-date.js';
import { chartResponseSchema } from './yahoo-schemas.js';

/** A rate Yahoo served: `rate` units of `to` per unit of `from`, the close of `date`. */
export interface ExchangeRate {
  from: string;
  to: string;
  rate: number;
  /** The FX symbol it came from, e.g. `CNYUSD=X`. */
  pair: string;
  /** Trading date of the close used, `YYYY-MM-DD`. */
  date: string;
}

/** A rate, or why there is none. */
export type ExchangeRateResult = { ok: true; value: ExchangeRate } | { ok: false; reason: string };

/** Sends a GET of the chart endpoint for an FX pair (the provider's `send`, with its retries). */
export type ChartRequester = (pair: string) => Promise<HttpResponse>;

/**
 * Exchange rates from Yahoo's own FX charts (`<FROM><TO>=X`, the last daily close of the past
 * few days), cached per pair and calendar day (UTC) of the provider's clock so that a universe of
 * ADRs costs one request per currency a day. A failed look-up is not cached: the next call asks
 * again. Failures become `{ ok: false, reason }` — the caller decides what to leave out.
 */
export class YahooExchangeRates {
  private readonly cache = new Map<string, Promise<ExchangeRateResult>>();
  private cachedDay = '';

  constructor(
    private readonly provider: string,
    private readonly clock: Clock,
    private readonly requestChart: ChartRequester,
  ) {}

  /** Units of `to` per unit of `from` (ISO major units), or the reason there is none today. */
  rate(from: string, to: string): Promise<ExchangeRateResult> {
    const day = new Date(this.clock.now()).toISOString().slice(0, 10);
    if (day !== this.cachedDay) {
      this.cache.clear();
      this.cachedDay = day;
    }
    const pair = `${from}${to}=X`;
    const cached = this.cache.get(pair);
    if (cached !== undefined) return cached;
    const pending = this.fetchRate(from, to, pair);
    this.cache.set(pair, pending);
    const forget = () => {
      if (this.cache.get(pair) === pending) this.cache.delete(pair);
    };
    // Only a rate is remembered; the caller sees a rejection itself, so it is not rethrown here.
    pending.then((result) => (result.ok ? undefined : forget()), forget);
    return pending;
  }

  private async fetchRate(from: string, to: string, pair: string): Promise<ExchangeRateResult> {
    try {
      const response = await this.requestChart(pair);
      const context = { provider: this.provider, symbol: pair };
      // Yahoo answers an unknown pair with 404 and its `{ code, description }` error in the body.
      if (response.status !== 200 && response.status !== 404) throw unexpectedStatusError(response, context);
      const { chart } = parseJsonBody(response.body, chartResponseSchema, context);
      const result = chart.result?.[0];
      if (chart.error || result === undefined) {
        const why = chart.error
          ? [chart.error.code, chart.error.description].filter(Boolean).join(': ')
          : `HTTP ${response.status} without a result`;
        return { ok: false, reason: `no ${pair} rate (${why})` };
      }
      const closes = result.indicators.quote[0]?.close ?? [];
      const timestamps = result.timestamp ?? [];
      for (let i = Math.min(closes.length, timestamps.length) - 1; i >= 0; i--) {
        const close = closes[i];
        if (typeof close !== 'number' || !(close > 0) || !Number.isFinite(close)) continue;
        const seconds = timestamps[i] as number;
        const zone = result.meta.exchangeTimezoneName ?? 'UTC';
        const date = new Date(tradingDateInZone(seconds, zone)).toISOString().slice(0, 10);
        return { ok: true, value: { from, to, rate: close, pair, date } };
      }
      return { ok: false, reason: `no ${pair} rate (the chart has no close)` };
    } catch (error) {
      if (!(error instanceof ProviderError) && !(error instanceof RangeError)) throw error;
      return { ok: false, reason: `no ${pair} rate (${error.message})` };
    }
  }
}
