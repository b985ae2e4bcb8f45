import type { Fundamentals } from '../../data/schemas.js';
import { mixedCurrencyReason } from '../../features/valuation-ratios.js';
import {
  addNote,
  columnFrom,
  combineMetrics,
  type FactorColumns,
  type MetricSpec,
  sectorMetric,
  type UniverseContext,
} from './factor.js';

/**
 * Metrics of the fundamental factor, each ranked within the stock's own sector (a P/E of 15 is
 * cheap among software makers and dear among utilities): valuation (P/E 30 %, P/B 20 %) and
 * quality (return on equity 30 %, debt/equity 20 %).
 */
export const FUNDAMENTAL_METRICS = Object.freeze({
  pe: sectorSpec('peRatio', 'P/E', 'ratio', 0.3, false),
  pb: sectorSpec('pbRatio', 'P/B', 'ratio', 0.2, false),
  roe: sectorSpec('returnOnEquity', 'Return on equity', 'percent', 0.3, true),
  debtToEquity: sectorSpec('debtToEquity', 'Debt/equity', 'ratio', 0.2, false),
} satisfies Record<string, MetricSpec>);

/**
 * P/E from `peRatio`, else market cap / earnings when both are in one currency (`NaN` when
 * neither is available, or the money is in two currencies: see {@link mixedCurrencyReason}).
 */
export function priceToEarnings(f: Fundamentals | undefined): number {
  if (!f) return Number.NaN;
  if (isFiniteNumber(f.peRatio)) return f.peRatio;
  if (mixedCurrencyReason(f)) return Number.NaN;
  return ratio(f.marketCap, f.earnings);
}

/**
 * P/B from `pbRatio`, else market cap / book value when both are in one currency (`NaN` when
 * neither is available, or the money is in two currencies).
 */
export function priceToBook(f: Fundamentals | undefined): number {
  if (!f) return Number.NaN;
  if (isFiniteNumber(f.pbRatio)) return f.pbRatio;
  if (mixedCurrencyReason(f)) return Number.NaN;
  return ratio(f.marketCap, f.bookValue);
}

/**
 * Fundamental: valuation and quality against the sector. P/E and P/B are ranked by their
 * inverses, earnings and book yields (E/P, B/P), which order positive ratios the same way and
 * stay finite near zero earnings; a P/E ≤ 0 (losses, or no earnings) is not cheap but "not
 * meaningful" and ranks last, tied with the other loss-makers; likewise a P/B ≤ 0 (negative
 * equity) and a negative debt/equity. Sector medians of P/E and P/B are over positive values.
 */
export function scoreFundamental(ctx: UniverseContext): FactorColumns {
  const { snapshots } = ctx;
  const n = snapshots.length;
  const pe = columnFrom(snapshots, (s) => priceToEarnings(s.fundamentals));
  const pb = columnFrom(snapshots, (s) => priceToBook(s.fundamentals));
  const roe = columnFrom(snapshots, (s) => s.fundamentals?.returnOnEquity);
  const debtToEquity = columnFrom(snapshots, (s) => s.fundamentals?.debtToEquity);
  // A zero denominator gives no ratio, but zero earnings (or book value) are still information:
  // such a stock ranks last, like a loss-maker.
  const zeroEarnings = (i: number) => snapshots[i]?.fundamentals?.earnings === 0 && Number.isNaN(pe[i]);
  const zeroBook = (i: number) => snapshots[i]?.fundamentals?.bookValue === 0 && Number.isNaN(pb[i]);

  const m = FUNDAMENTAL_METRICS;
  const peColumn = sectorMetric(ctx, m.pe, pe, yieldKey(pe, zeroEarnings), positiveOnly(pe));
  const pbColumn = sectorMetric(ctx, m.pb, pb, yieldKey(pb, zeroBook), positiveOnly(pb));
  const deKey = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = debtToEquity[i] as number;
    deKey[i] = v < 0 ? Number.NEGATIVE_INFINITY : -v;
  }
  const deColumn = sectorMetric(ctx, m.debtToEquity, debtToEquity, deKey, nonNegativeOnly(debtToEquity));
  for (let i = 0; i < n; i++) {
    const peValue = pe[i] as number;
    if (peValue <= 0 || zeroEarnings(i))
      addNote(peColumn, i, 'negative or zero earnings: P/E not meaningful, ranked last');
    const pbValue = pb[i] as number;
    if (pbValue <= 0 || zeroBook(i))
      addNote(pbColumn, i, 'negative or zero book value: P/B not meaningful, ranked last');
    if ((debtToEquity[i] as number) < 0) addNote(deColumn, i, 'negative equity: ranked last');
    // A ratio the currencies kept out is missing (neutral), and the drill-down says why.
    const mixed = mixedCurrencyReason(snapshots[i]?.fundamentals);
    if (mixed !== undefined && Number.isNaN(peValue)) addNote(peColumn, i, `P/E: ${mixed}`);
    if (mixed !== undefined && Number.isNaN(pbValue)) addNote(pbColumn, i, `P/B: ${mixed}`);
  }
  return combineMetrics([peColumn, pbColumn, sectorMetric(ctx, m.roe, roe), deColumn], n);
}

/**
 * Ranking key of a price multiple: its inverse (a yield; higher is cheaper), and −∞ — last, tied
 * — for a multiple ≤ 0 or a zero denominator.
 */
function yieldKey(multiple: Float64Array, zeroDenominator: (i: number) => boolean): Float64Array {
  const key = new Float64Array(multiple.length);
  for (let i = 0; i < multiple.length; i++) {
    const v = multiple[i] as number;
    if (Number.isNaN(v)) key[i] = zeroDenominator(i) ? Number.NEGATIVE_INFINITY : Number.NaN;
    else key[i] = v > 0 ? 1 / v : Number.NEGATIVE_INFINITY;
  }
  return key;
}

function positiveOnly(values: Float64Array): Float64Array {
  return values.map((v) => (v > 0 ? v : Number.NaN));
}

function nonNegativeOnly(values: Float64Array): Float64Array {
  return values.map((v) => (v >= 0 ? v : Number.NaN));
}

function ratio(numerator: number | undefined, denominator: number | undefined): number {
  if (!isFiniteNumber(numerator) || !isFiniteNumber(denominator) || denominator === 0) return Number.NaN;
  if (!(numerator > 0)) return Number.NaN;
  return numerator / denominator;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function sectorSpec(
  id: string,
  label: string,
  unit: MetricSpec['unit'],
  weight: number,
  higherIsBetter: boolean,
): MetricSpec {
  return { id, label, unit, weight, higherIsBetter, comparedWith: 'sector' };
}
