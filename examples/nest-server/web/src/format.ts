import type { MetricUnit } from './api/types.js';

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** A price or amount with two decimals; `–` for a missing one. */
export function formatMoney(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? '–' : money.format(value);
}

/** A signed amount: `+12.30` / `-4.10`. */
export function formatSignedMoney(value: number): string {
  return `${value > 0 ? '+' : ''}${money.format(value)}`;
}

/** A signed percentage of a value already in percent: `+3.25 %`. */
export function formatSignedPercent(percent: number, digits = 2): string {
  return `${percent > 0 ? '+' : ''}${percent.toFixed(digits)} %`;
}

/** A 0–100 score with one decimal. */
export function formatScore(score: number): string {
  return score.toFixed(1);
}

/** Volume and other large counts: `1.2M`. */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** A metric's raw value by its unit (`percent` values are fractions: 0.12 = 12 %). */
export function formatMetric(value: number | null, unit: MetricUnit): string {
  if (value == null || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'percent':
      return `${(value * 100).toFixed(1)} %`;
    case 'count':
    case 'days':
      return Math.round(value).toString();
    default:
      return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
  }
}

/** A timestamp as local date and time, minutes precision. */
export function formatTime(iso: string | number): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** `positive`, `negative` or `flat`: the CSS class that colours a change. */
export function changeClass(value: number): 'positive' | 'negative' | 'flat' {
  return value > 0 ? 'positive' : value < 0 ? 'negative' : 'flat';
}
