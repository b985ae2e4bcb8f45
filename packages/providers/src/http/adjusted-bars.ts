import type { RawBarColumns } from '@da-ki/sdk';

/**
 * Scales open, high and low by each row's `adjustedClose / close` and replaces close by the
 * adjusted close, leaving volume as reported: the usual way to turn a split- and
 * dividend-adjusted close into a full adjusted bar (as Yahoo's "auto adjust" and R's
 * `quantmod::adjustOHLC` do), so that ratios within a bar are preserved. Returns new columns.
 */
export function scaleToAdjustedClose(bars: RawBarColumns, adjustedClose: ArrayLike<number>): RawBarColumns {
  const n = bars.close.length;
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const factor = (adjustedClose[i] as number) / (bars.close[i] as number);
    open[i] = (bars.open[i] as number) * factor;
    high[i] = (bars.high[i] as number) * factor;
    low[i] = (bars.low[i] as number) * factor;
    close[i] = adjustedClose[i] as number;
  }
  return { ...bars, open, high, low, close };
}
