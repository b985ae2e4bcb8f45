import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ArimaForecaster, type ArimaOrder } from './arima-forecaster.js';

// Reference values written by packages/ml/test/reference/arima-css-ml.R (R 4.2.2):
// stats::arima(x, order = c(p, 1, q), method = "CSS-ML") and predict(fit, n.ahead = 30).
interface Case {
  order: ArimaOrder;
  series: number[];
  coef: number[];
  sigma2: number;
  loglik: number;
  mean: number[];
  se: number[];
}
const reference = JSON.parse(
  readFileSync(new URL('../../test/reference/arima-css-ml.json', import.meta.url), 'utf8'),
) as Record<string, Case | string>;
const cases = Object.entries(reference).filter((e): e is [string, Case] => typeof e[1] !== 'string');

describe("ArimaForecaster include: 'none' against R's stats::arima (CSS-ML, include.mean = FALSE)", () => {
  it.each(cases)('%s: forecasts to 1e-3, 95 %% interval widths to 1 %%', (_, ref) => {
    const model = new ArimaForecaster({ order: ref.order, include: 'none' }).fit(ref.series);
    expect(model.constant).toBe(false);
    expect(model.coefficients.mean).toBe(0);
    expect(model.logLik).toBeCloseTo(ref.loglik, 2);
    const forecast = model.forecast(30, { level: 0.95 });
    const z = 1.959963984540054;
    for (let h = 0; h < 30; h++) {
      expect(Math.abs((forecast.mean[h] as number) - (ref.mean[h] as number))).toBeLessThan(1e-3);
      const width = (forecast.upper[h] as number) - (forecast.lower[h] as number);
      const rWidth = 2 * z * (ref.se[h] as number);
      expect(Math.abs(width / rWidth - 1)).toBeLessThan(0.01);
    }
  });

  it("'mean' is the same model when d = 1 (R ignores include.mean for d > 0)", () => {
    const [, ref] = cases[0] as [string, Case];
    const none = new ArimaForecaster({ order: ref.order, include: 'none' }).fit(ref.series);
    const mean = new ArimaForecaster({ order: ref.order, include: 'mean' }).fit(ref.series);
    expect(Array.from(mean.forecast(10).mean)).toEqual(Array.from(none.forecast(10).mean));
  });

  it("'auto' keeps the lower AIC of the fits with and without drift", () => {
    const [, ref] = cases[0] as [string, Case];
    const auto = new ArimaForecaster({ order: ref.order, include: 'auto' }).fit(ref.series);
    const aics = auto.candidates.map((c) => c.aic as number);
    expect(auto.candidates.map((c) => c.constant)).toEqual([true, false]);
    expect(auto.aic).toBe(Math.min(...aics));
    const drift = new ArimaForecaster({ order: ref.order, include: 'drift' }).fit(ref.series);
    expect(drift.constant).toBe(true);
    expect(drift.coefficients.mean).not.toBe(0);
    // the drift model has one parameter more: its AIC pays 2 for it
    expect(drift.aic).toBeCloseTo(-2 * drift.logLik + 2 * (ref.order[0] + ref.order[2] + 2), 1);
  });

  it('names the option when it is not one of the four', () => {
    expect(() => new ArimaForecaster({ include: 'trend' as never })).toThrow(
      /include.*'auto', 'drift', 'mean', 'none'/,
    );
  });
});
