/** `x` with `digits` decimals, without "-0.0". */
export function fixed(x: number, digits: number): string {
  const half = 0.5 * 10 ** -digits;
  return (x > -half && x < half ? 0 : x).toFixed(digits);
}

/** A fraction as a signed percentage: 0.0341 → "+3.4 %". */
export function signedPercent(fraction: number, digits = 1): string {
  const text = fixed(fraction * 100, digits);
  return `${fraction > 0 && Number(text) !== 0 ? '+' : ''}${text} %`;
}

/** A fraction as a percentage: 0.341 → "34.1 %". */
export function percent(fraction: number, digits = 1): string {
  return `${fixed(fraction * 100, digits)} %`;
}

/** `x` rounded to `digits` decimals, as a number (for JSON output). */
export function round(x: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(x * factor) / factor;
}

/** Epoch ms as `YYYY-MM-DD` (UTC). */
export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
