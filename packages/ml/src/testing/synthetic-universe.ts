// Test kit: a seeded universe of daily bars with a planted, weak, mean-reverting signal.
import type { BarSeries } from '@da-ki/sdk';
import { createRng } from '@da-ki/sdk';

/** Options of {@link syntheticUniverse}. */
export interface SyntheticUniverseOptions {
  symbols?: number;
  bars?: number;
  seed?: number;
  /**
   * Strength of the planted signal, 0…1. Log prices are a random walk plus a mean-reverting AR(1)
   * deviation (φ = 0.95) of sd `0.08 × signal`: the deviation, visible to the features (Bollinger
   * position, RSI, MACD), predicts the 30-day forward return. 0 gives pure random walks, where no
   * model can have skill — a leakage detector.
   */
  signal?: number;
}

const DAY = 86_400_000;

/** Weekday timestamps (UTC midnight) from 2022-01-03 on. */
export function businessDays(count: number, start = Date.UTC(2022, 0, 3)): Float64Array {
  const out = new Float64Array(count);
  let t = start;
  for (let i = 0; i < count; i++) {
    while ([0, 6].includes(new Date(t).getUTCDay())) t += DAY;
    out[i] = t;
    t += DAY;
  }
  return out;
}

/** `symbols` series of `bars` daily bars on a shared calendar, deterministic for the seed. */
export function syntheticUniverse(options: SyntheticUniverseOptions = {}): BarSeries[] {
  const { symbols = 20, bars = 300, seed = 1, signal = 1 } = options;
  const rng = createRng(`synthetic-universe:${seed}`);
  const timestamps = businessDays(bars);
  const phi = 0.95;
  const deviationSd = 0.08 * signal;
  const innovationSd = deviationSd * Math.sqrt(1 - phi * phi);
  const out: BarSeries[] = [];
  for (let s = 0; s < symbols; s++) {
    const drift = 0.0003 * rng.normal();
    const vol = 0.01 + 0.01 * rng.next();
    let trend = Math.log(20 + 180 * rng.next());
    let deviation = deviationSd * rng.normal();
    const close = new Float64Array(bars);
    const open = new Float64Array(bars);
    const high = new Float64Array(bars);
    const low = new Float64Array(bars);
    const volume = new Float64Array(bars);
    let previous = Math.exp(trend + deviation);
    for (let t = 0; t < bars; t++) {
      trend += drift + vol * rng.normal();
      deviation = phi * deviation + innovationSd * rng.normal();
      const c = Math.exp(trend + deviation);
      const o = previous * Math.exp(0.002 * rng.normal());
      close[t] = c;
      open[t] = o;
      high[t] = Math.max(o, c) * (1 + 0.005 * rng.next());
      low[t] = Math.min(o, c) * (1 - 0.005 * rng.next());
      volume[t] = Math.round(1e6 * Math.exp(0.3 * rng.normal()));
      previous = c;
    }
    out.push({
      symbol: `S${String(s).padStart(3, '0')}`,
      source: 'synthetic',
      timestamps: timestamps.slice(),
      open,
      high,
      low,
      close,
      volume,
    });
  }
  return out;
}
