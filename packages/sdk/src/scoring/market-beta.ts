import { MIN_RISK_RETURNS, RISK_WINDOW } from './price-metrics.js';
import type { StockSnapshot } from './types.js';

/**
 * Beta of each stock's daily returns to the equal-weight universe over the risk window.
 *
 * The market series lives on a reference calendar: the last `RISK_WINDOW` bar timestamps of the
 * most recent series (latest last bar, then most bars, then first in `order`). Its return on a
 * day is the mean of the simple returns of every stock with a bar that day; stocks are matched to
 * the calendar by timestamp (a merge of two ascending arrays), so missing days are skipped, not
 * misaligned. Beta = cov(stock, market) / var(market) over the days both have; `NaN` with fewer
 * than `MIN_RISK_RETURNS` common days or a market that never moves. `order` is the canonical
 * (symbol) order, so sums, and thus betas, do not depend on the order of the input.
 */
export function computeBetas(snapshots: readonly StockSnapshot[], order: ArrayLike<number>): Float64Array {
  const n = snapshots.length;
  const betas = new Float64Array(n).fill(Number.NaN);
  const calendar = referenceCalendar(snapshots, order);
  const days = calendar.length;
  if (days === 0) return betas;

  // Pass 1: the market's return per calendar day. Pass 2: each stock's co-moments with it.
  // Both walk a stock's bars and the calendar together (a merge of two ascending arrays).
  const sums = new Float64Array(days);
  const counts = new Float64Array(days);
  for (let k = 0; k < order.length; k++) {
    const { timestamps, close } = (snapshots[order[k] as number] as StockSnapshot).bars;
    let bar = Math.max(1, lowerBound(timestamps, calendar[0] as number));
    let day = 0;
    while (day < days && bar < timestamps.length) {
      const t = timestamps[bar] as number;
      const d = calendar[day] as number;
      if (t < d) bar++;
      else if (t > d) day++;
      else {
        sums[day] += (close[bar] as number) / (close[bar - 1] as number) - 1;
        counts[day]++;
        day++;
        bar++;
      }
    }
  }
  const market = new Float64Array(days);
  for (let d = 0; d < days; d++) market[d] = counts[d] ? (sums[d] as number) / (counts[d] as number) : 0;

  for (let i = 0; i < n; i++) {
    const { timestamps, close } = (snapshots[i] as StockSnapshot).bars;
    // Welford co-moments: stable for long windows of small returns.
    let count = 0;
    let meanX = 0;
    let meanY = 0;
    let cxy = 0;
    let cxx = 0;
    let bar = Math.max(1, lowerBound(timestamps, calendar[0] as number));
    let day = 0;
    while (day < days && bar < timestamps.length) {
      const t = timestamps[bar] as number;
      const d = calendar[day] as number;
      if (t < d) bar++;
      else if (t > d) day++;
      else {
        const x = market[day] as number;
        const y = (close[bar] as number) / (close[bar - 1] as number) - 1;
        count++;
        const dx = x - meanX;
        meanX += dx / count;
        meanY += (y - meanY) / count;
        cxy += dx * (y - meanY);
        cxx += dx * (x - meanX);
        day++;
        bar++;
      }
    }
    if (count >= MIN_RISK_RETURNS && cxx > 0) {
      const beta = cxy / cxx;
      if (Number.isFinite(beta)) betas[i] = beta;
    }
  }
  return betas;
}

function referenceCalendar(snapshots: readonly StockSnapshot[], order: ArrayLike<number>): Float64Array {
  let best = -1;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const t = (snapshots[i] as StockSnapshot).bars.timestamps;
    if (t.length < 2) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const b = (snapshots[best] as StockSnapshot).bars.timestamps;
    const last = t[t.length - 1] as number;
    const bestLast = b[b.length - 1] as number;
    if (last > bestLast || (last === bestLast && t.length > b.length)) best = i;
  }
  if (best < 0) return new Float64Array(0);
  const t = (snapshots[best] as StockSnapshot).bars.timestamps;
  // Return days: the timestamps of the bars that end each daily return.
  const start = Math.max(1, t.length - RISK_WINDOW);
  return Float64Array.from({ length: t.length - start }, (_, d) => t[start + d] as number);
}

function lowerBound(values: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
