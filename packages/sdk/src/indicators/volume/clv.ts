/**
 * Close location value `((close − low) − (high − close)) / (high − low)`, in [−1, 1]: where the
 * close sits within the bar; 0 for a bar without range (TA-Lib's AD, TTR's `CLV`).
 */
export function closeLocationValue(high: number, low: number, close: number): number {
  const range = high - low;
  return range > 0 ? (close - low - (high - close)) / range : 0;
}
