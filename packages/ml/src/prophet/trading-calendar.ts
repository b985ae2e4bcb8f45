const DAY_MS = 86_400_000;

/** True when `timestamp` (epoch ms, UTC) falls on a Saturday or Sunday. */
export function isWeekend(timestamp: number): boolean {
  const day = new Date(timestamp).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * The `h` timestamps after `last`: every calendar day when `weekends` is true (a market that
 * trades daily), otherwise Monday to Friday only (exchange holidays are not known here, so a
 * forecast may land on one; the trend and seasonality do not care).
 */
export function nextTimestamps(last: number, h: number, weekends: boolean): Float64Array {
  const out = new Float64Array(h);
  let t = last;
  for (let k = 0; k < h; k++) {
    do t += DAY_MS;
    while (!weekends && isWeekend(t));
    out[k] = t;
  }
  return out;
}
