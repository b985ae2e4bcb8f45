import { addTradingDays, type Forecast } from './prediction.js';

/** One trading day of a drawn forecast: the median path and the interval band around it. */
export interface FanPoint {
  /** `YYYY-MM-DD`, a weekday after the last bar (the first point is the last bar itself). */
  time: string;
  median: number;
  lower: number;
  upper: number;
}

/**
 * The forecast as a fan over every trading day from the last bar to the horizon, so the chart's
 * time axis extends by the horizon and the interval can be read, instead of a two-point spike.
 *
 * Only the horizon's numbers come from the model. In between, the median grows geometrically from
 * the last close to the predicted price, and the band's log half-widths scale with √(t / h), as the
 * spread of a random walk does (in price terms when the interval reaches 0 or below, where logs
 * do not exist). So the fan ends exactly at the served interval and starts at the last close.
 */
export function forecastFan(lastDate: string, lastClose: number, forecast: Forecast): FanPoint[] {
  const { horizon, predictedPrice, lower, upper } = forecast;
  if (!(lastClose > 0) || !(predictedPrice > 0) || !(lower <= predictedPrice && predictedPrice <= upper)) {
    throw new RangeError(
      `forecastFan: needs a positive last close and lower ≤ predicted ≤ upper, got close ${lastClose}, ` +
        `predicted ${predictedPrice}, interval ${lower}–${upper}`,
    );
  }
  const logScale = lower > 0;
  const points: FanPoint[] = [];
  let date = lastDate;
  for (let t = 0; t <= horizon; t++) {
    if (t > 0) date = addTradingDays(date, 1);
    const progress = t / horizon;
    const median = lastClose * (predictedPrice / lastClose) ** progress;
    const spread = Math.sqrt(progress);
    points.push(
      logScale
        ? {
            time: date,
            median,
            lower: median * (lower / predictedPrice) ** spread,
            upper: median * (upper / predictedPrice) ** spread,
          }
        : {
            time: date,
            median,
            lower: median - (predictedPrice - lower) * spread,
            upper: median + (upper - predictedPrice) * spread,
          },
    );
  }
  return points;
}
