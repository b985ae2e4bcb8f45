import { DaKiError } from '@da-ki/sdk';
import type { ModelJSON } from '../model/regressor.js';
import { ProphetForecaster, type ProphetForecasterOptions } from '../prophet/prophet-forecaster.js';
import type { ProphetSymbolJob } from './tasks.js';

/**
 * One symbol's Prophet fits: each window's model forecasts, from each anchor bar, the change of
 * its mean log price over `horizon` trading days. A window Prophet cannot fit (too few values)
 * gets the random walk with the window's drift, and the reason.
 */
export function runProphetJob(job: ProphetSymbolJob, horizon: number, options: ProphetForecasterOptions) {
  let model: ModelJSON | undefined;
  const fits = job.fits.map((fit, k) => {
    const forecasts = new Float64Array(fit.anchors.length);
    try {
      const forecaster = new ProphetForecaster(options).fit(
        job.timestamps.subarray(fit.start, fit.end),
        job.logClose.subarray(fit.start, fit.end),
      );
      fit.anchors.forEach((anchor, i) => {
        forecasts[i] = forecaster.meanChange(job.timestamps[anchor] as number, horizon);
      });
      if (job.keepLastModel && k === job.fits.length - 1) model = forecaster.toJSON();
      return { forecasts };
    } catch (error) {
      if (!(error instanceof DaKiError)) throw error;
      const window = job.logClose.subarray(fit.start, fit.end);
      const drift =
        window.length > 1
          ? ((window[window.length - 1] as number) - (window[0] as number)) / (window.length - 1)
          : 0;
      forecasts.fill(drift * horizon);
      return { forecasts, error: `${job.symbol}: ${error.message}` };
    }
  });
  return { symbol: job.symbol, fits, ...(model ? { model } : {}) };
}
