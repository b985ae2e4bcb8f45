// Hikkake (inside bar, then a false breakout) and its modified form, with their confirmations.
import type { CandleView } from './candle-view.js';
import { type CandlePatternDefinition, patternFunction } from './pattern.js';

/** 100 (bullish: false breakdown), −100 (bearish: false breakout) or 0: the hikkake setup ending at `i`. */
function hikkakeSetup(v: CandleView, i: number): number {
  const { high: h, low: l } = v;
  if (!(h[i - 1] < h[i - 2] && l[i - 1] > l[i - 2])) return 0;
  if (h[i] < h[i - 1] && l[i] < l[i - 1]) return 100;
  if (h[i] > h[i - 1] && l[i] > l[i - 1]) return -100;
  return 0;
}

/** The modified setup: two nested inside bars, the middle one closing near its low (bull) or high (bear). */
function modifiedSetup(v: CandleView, i: number): number {
  const { high: h, low: l, close: c } = v;
  if (!(h[i - 2] < h[i - 3] && l[i - 2] > l[i - 3] && h[i - 1] < h[i - 2] && l[i - 1] > l[i - 2])) return 0;
  const near = v.avg.near[i - 2];
  if (h[i] < h[i - 1] && l[i] < l[i - 1] && c[i - 2] <= l[i - 2] + near) return 100;
  if (h[i] > h[i - 1] && l[i] > l[i - 1] && c[i - 2] >= h[i - 2] - near) return -100;
  return 0;
}

/** Close of `j` beyond the inside bar of a setup that ended at `k` (its high if bullish, its low if bearish). */
function confirms(v: CandleView, setup: number, k: number, j: number): boolean {
  return setup > 0 ? v.close[j] > v.high[k - 1] : v.close[j] < v.low[k - 1];
}

/**
 * TA-Lib's state machine without the state: a setup at `i` gives ±100; otherwise the latest setup
 * of the 3 candles before may be confirmed at `i` (±200) unless a candle in between already
 * confirmed it (a setup is confirmed once).
 */
function withConfirmation(setupAt: (v: CandleView, i: number) => number, v: CandleView, i: number): number {
  const now = setupAt(v, i);
  if (now !== 0) return now;
  for (let k = i - 1; k >= i - 3; k--) {
    const setup = setupAt(v, k);
    if (setup === 0) continue;
    for (let j = k + 1; j < i; j++) if (confirms(v, setup, k, j)) return 0;
    return confirms(v, setup, k, i) ? 2 * setup : 0;
  }
  return 0;
}

/**
 * The batch loop as TA-Lib writes it: a state machine remembering the latest setup, starting three
 * candles before `from` (TA-Lib's pre-scan). Same values as {@link withConfirmation} (the scanner
 * tests compare them at every candle), in one pass instead of re-checking three setups per candle.
 */
function scanWithState(
  setupAt: (v: CandleView, i: number) => number,
  v: CandleView,
  from: number,
  out: Int32Array,
): void {
  let setupIndex = 0;
  let setupValue = 0;
  for (let i = from - 3; i < out.length; i++) {
    const setup = setupAt(v, i);
    let value = 0;
    if (setup !== 0) {
      setupValue = setup;
      setupIndex = i;
      value = setup;
    } else if (setupValue !== 0 && i <= setupIndex + 3 && confirms(v, setupValue, setupIndex, i)) {
      value = 2 * setupValue;
      setupIndex = 0; // confirmed once
    }
    if (i >= from) out[i] = value;
  }
}

export const HIKKAKE: CandlePatternDefinition = {
  name: 'cdlHikkake',
  talib: 'CDLHIKKAKE',
  title: 'Hikkake Pattern',
  settings: [],
  lookback: () => 5,
  stateful: true,
  at: (v, i) => withConfirmation(hikkakeSetup, v, i),
  scan: (v, from, out) => scanWithState(hikkakeSetup, v, from, out),
};

export const HIKKAKE_MODIFIED: CandlePatternDefinition = {
  name: 'cdlHikkakeMod',
  talib: 'CDLHIKKAKEMOD',
  title: 'Modified Hikkake Pattern',
  settings: ['near'],
  lookback: (s) => Math.max(1, s.near.period) + 5,
  stateful: true,
  at: (v, i) => withConfirmation(modifiedSetup, v, i),
  scan: (v, from, out) => scanWithState(modifiedSetup, v, from, out),
};

/**
 * Hikkake: an inside bar followed by a false breakout: 100 (bullish) / −100 (bearish) on the
 * breakout bar, 200 / −200 when a close within the next 3 bars confirms it.
 */
export const cdlHikkake = patternFunction(HIKKAKE);
/** Modified hikkake: two nested inside bars, the middle one closing near its extreme. ±100, ±200 when confirmed. */
export const cdlHikkakeMod = patternFunction(HIKKAKE_MODIFIED);
