// The candle measures of TA-Lib's pattern rules (ta_utility.h), one candle or a pair at a time.
import type { CandleView } from './candle-view.js';

type Prices = Pick<CandleView, 'open' | 'high' | 'low' | 'close'>;

/** Length of the real body, |close − open|. */
export function body(v: Prices, i: number): number {
  return Math.abs(v.close[i] - v.open[i]);
}

/** 1 for a white candle (close ≥ open, doji included), −1 for a black one. */
export function color(v: Prices, i: number): 1 | -1 {
  return v.close[i] >= v.open[i] ? 1 : -1;
}

/** High minus the top of the body. */
export function upperShadow(v: Prices, i: number): number {
  return v.high[i] - Math.max(v.close[i], v.open[i]);
}

/** Bottom of the body minus the low. */
export function lowerShadow(v: Prices, i: number): number {
  return Math.min(v.close[i], v.open[i]) - v.low[i];
}

/** High minus low. */
export function highLowRange(v: Prices, i: number): number {
  return v.high[i] - v.low[i];
}

/** Top of the real body, max(open, close). */
export function bodyTop(v: Prices, i: number): number {
  return Math.max(v.open[i], v.close[i]);
}

/** Bottom of the real body, min(open, close). */
export function bodyBottom(v: Prices, i: number): number {
  return Math.min(v.open[i], v.close[i]);
}

/** The body of `later` lies wholly above the body of `earlier`. */
export function bodyGapUp(v: Prices, later: number, earlier: number): boolean {
  return bodyBottom(v, later) > bodyTop(v, earlier);
}

/** The body of `later` lies wholly below the body of `earlier`. */
export function bodyGapDown(v: Prices, later: number, earlier: number): boolean {
  return bodyTop(v, later) < bodyBottom(v, earlier);
}

/** The whole of `later` (its low) lies above the high of `earlier`. */
export function candleGapUp(v: Prices, later: number, earlier: number): boolean {
  return v.low[later] > v.high[earlier];
}

/** The whole of `later` (its high) lies below the low of `earlier`. */
export function candleGapDown(v: Prices, later: number, earlier: number): boolean {
  return v.high[later] < v.low[earlier];
}
