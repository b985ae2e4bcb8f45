/** Number formatting for explanations: fixed decimals, explicit signs, no "-0.0". */

/** `x` with `digits` decimals; a value that rounds to zero prints without a sign. */
export function fixed(x: number, digits: number): string {
  const half = 0.5 * 10 ** -digits;
  return (x > -half && x < half ? 0 : x).toFixed(digits);
}

/** `x` with `digits` decimals and an explicit `+` for positive values. */
export function signedFixed(x: number, digits: number): string {
  const text = fixed(x, digits);
  return x > 0 && text !== (0).toFixed(digits) ? `+${text}` : text;
}

/** A fraction as a percentage: 0.341 → "34.1 %". */
export function percent(fraction: number, digits = 1): string {
  return `${fixed(fraction * 100, digits)} %`;
}

/** A fraction as a signed percentage: 0.341 → "+34.1 %", −0.05 → "-5.0 %". */
export function signedPercent(fraction: number, digits = 1): string {
  return `${signedFixed(fraction * 100, digits)} %`;
}

/**
 * Where a percentile sits, in words: "top 10 % of universe", "bottom 25 % of sector",
 * "better than 63 % of universe".
 */
export function percentilePhrase(percentile: number, population: string): string {
  for (const share of [1, 5, 10, 25]) {
    if (percentile >= 100 - share) return `top ${share} % of ${population}`;
    if (percentile <= share) return `bottom ${share} % of ${population}`;
  }
  return `better than ${Math.round(percentile)} % of ${population}`;
}
