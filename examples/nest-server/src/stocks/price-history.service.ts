import { type BarSeries, bollingerBands, macd, rsi, sma } from '@da-ki/sdk';
import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../db/database.js';

/**
 * Daily price history with indicators, in the year-partitioned `price_history` table. A symbol's
 * bars are written once per trading day they change (upsert), in one statement per chunk.
 */
@Injectable()
export class PriceHistoryService {
  private readonly storedThrough = new Map<string, number>();

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async store(bars: BarSeries): Promise<void> {
    const n = bars.close.length;
    const lastTimestamp = bars.timestamps[n - 1] as number;
    if (n === 0 || this.storedThrough.get(bars.symbol) === lastTimestamp) return;
    const close = bars.close;
    const r = rsi(close, 14);
    const m = macd(close);
    const bb = bollingerBands(close);
    const s20 = sma(close, 20);
    const s50 = sma(close, 50);
    const value = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);
    const columns = 15;
    const chunk = 500;
    await this.database.transaction(async (tx) => {
      for (let offset = 0; offset < n; offset += chunk) {
        const params: unknown[] = [];
        const tuples: string[] = [];
        for (let i = offset; i < Math.min(n, offset + chunk); i++) {
          params.push(
            bars.symbol,
            new Date(bars.timestamps[i] as number).toISOString().slice(0, 10),
            bars.open[i],
            bars.high[i],
            bars.low[i],
            bars.close[i],
            Math.round(bars.volume[i] as number),
            value(r[i]),
            value(m.macd[i]),
            value(m.signal[i]),
            value(bb.upper[i]),
            value(bb.lower[i]),
            value(s20[i]),
            value(s50[i]),
            bars.source,
          );
          const k = tuples.length;
          tuples.push(`(${Array.from({ length: columns }, (_, c) => `$${k * columns + c + 1}`).join(', ')})`);
        }
        await tx.query(
          `INSERT INTO price_history (symbol, date, open, high, low, close, volume, rsi, macd, macd_signal, bb_upper, bb_lower,
             sma_20, sma_50, source) VALUES ${tuples.join(', ')}
           ON CONFLICT (symbol, date) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low,
             close = EXCLUDED.close, volume = EXCLUDED.volume, rsi = EXCLUDED.rsi, macd = EXCLUDED.macd,
             macd_signal = EXCLUDED.macd_signal, bb_upper = EXCLUDED.bb_upper, bb_lower = EXCLUDED.bb_lower,
             sma_20 = EXCLUDED.sma_20, sma_50 = EXCLUDED.sma_50, source = EXCLUDED.source`,
          params,
        );
      }
    });
    this.storedThrough.set(bars.symbol, lastTimestamp);
  }
}
