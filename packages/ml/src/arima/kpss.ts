/**
 * KPSS statistic for level stationarity (Kwiatkowski, Phillips, Schmidt & Shin 1992): the scaled
 * sum of squared partial sums of the demeaned series over a Bartlett-kernel long-run variance
 * with `lags` lags (default trunc(3√n / 13), as R's forecast::ndiffs).
 */
export function kpssStatistic(
  series: ArrayLike<number>,
  lags = Math.trunc((3 * Math.sqrt(series.length)) / 13),
): number {
  const n = series.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += series[i] as number;
  mean /= n;
  const e = Float64Array.from(series, (v) => v - mean);
  let partial = 0;
  let sumSquaredPartials = 0;
  let longRun = 0;
  for (let t = 0; t < n; t++) {
    partial += e[t] as number;
    sumSquaredPartials += partial * partial;
    longRun += (e[t] as number) ** 2;
  }
  for (let s = 1; s <= lags; s++) {
    let autocovariance = 0;
    for (let t = s; t < n; t++) autocovariance += (e[t] as number) * (e[t - s] as number);
    longRun += 2 * (1 - s / (lags + 1)) * autocovariance;
  }
  longRun /= n;
  if (longRun <= 0) return 0;
  return sumSquaredPartials / (n * n * longRun);
}

/** 5 % critical value of the KPSS level test (KPSS 1992, table 1). */
export const KPSS_CRITICAL_5 = 0.463;

/**
 * Number of differences that make `series` level-stationary by repeated KPSS tests at 5 %, at
 * most `maxD` — the unit-root step of Hyndman & Khandakar's auto.arima, which chooses d before
 * comparing ARMA orders by AIC (AICs of different d are not comparable).
 */
export function chooseDifferencing(series: ArrayLike<number>, maxD: number): number {
  let current = Float64Array.from(series);
  let d = 0;
  while (d < maxD && current.length > 10 && kpssStatistic(current) > KPSS_CRITICAL_5) {
    const next = new Float64Array(current.length - 1);
    for (let i = 0; i < next.length; i++) next[i] = (current[i + 1] as number) - (current[i] as number);
    current = next;
    d++;
  }
  return d;
}
