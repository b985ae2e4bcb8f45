import { describe, expect, it } from 'vitest';
import { InsufficientHistoryError } from '../model/errors.js';
import { loadMsftBars } from '../testing/reference-series.js';
import { syntheticUniverse } from '../testing/synthetic-universe.js';
import { MIN_FORECAST_BARS, partitionByHistory } from './history.js';
import { StockPredictionEnsemble, type StockPredictionEnsembleOptions } from './stock-prediction-ensemble.js';

// the defaults except the model sizes: horizon 30, no validation options
const quick: StockPredictionEnsembleOptions = {
  models: [{ kind: 'xgboost', options: { rounds: 10 } }],
  arima: { maxP: 0, maxQ: 0 },
  workers: 0,
};

describe('StockPredictionEnsemble on short histories (default horizon 30, no validation options)', () => {
  it.each([120, 150])(
    'forecasts MSFT from its first %i bars with a derived plan and says what it validated',
    async (count) => {
      const inputs = [{ bars: loadMsftBars(count) }];
      const ensemble = new StockPredictionEnsemble(quick);
      const report = await ensemble.fit(inputs);
      const { validation } = report;
      expect(validation.derived).toBe(true);
      expect(validation.splits).toBe(report.splits.length);
      expect(validation.splits).toBeGreaterThanOrEqual(2);
      expect(validation.rowsScored).toBe(report.oof.actual.length);
      expect(validation.rowsScored).toBeGreaterThan(0);
      expect(validation.gap).toBe(30);
      // too short to fit stacking weights out of sample: the base models are averaged
      expect(validation.stacking).toBe('equal');
      expect(Object.values(ensemble.weights)).toEqual([1 / 3, 1 / 3, 1 / 3]);
      for (const split of report.splits) {
        expect(split.trainRows).toBeGreaterThanOrEqual(10);
        expect(split.train[1] - 1 + 30).toBeLessThan(split.test[0]);
      }
      const [prediction] = await ensemble.predict(inputs);
      expect(prediction?.symbol).toBe('MSFT');
      expect(Number.isFinite(prediction?.predictedPrice)).toBe(true);
      expect(prediction?.interval.lower).toBeLessThan(prediction?.interval.upper as number);
      expect(prediction?.validation).toEqual(validation);
    },
  );

  it.each([252, 300])(
    'trains on %i bars of a universe with a derived plan and learned stacking weights',
    async (bars) => {
      const inputs = syntheticUniverse({ symbols: 8, bars, seed: 11 }).map((series) => ({ bars: series }));
      const ensemble = new StockPredictionEnsemble(quick);
      const report = await ensemble.fit(inputs);
      expect(report.validation).toMatchObject({ splits: 5, derived: true, stacking: 'nnls', gap: 30 });
      expect(report.validation.scoredSplits).toBe(report.splits.filter((s) => s.evaluated).length);
      expect(report.validation.scoredSplits).toBeGreaterThan(0);
      expect(report.validation.rowsScored).toBe(report.metrics[0]?.count);
      expect(report.validation.trainSize).toBeLessThan(252);
      const predictions = await ensemble.predict(inputs);
      expect(predictions).toHaveLength(8);
      for (const p of predictions) expect(p.validation).toEqual(report.validation);
      // the validation summary survives JSON
      const restored = StockPredictionEnsemble.fromJSON(JSON.parse(JSON.stringify(ensemble.toJSON())));
      expect(restored.validation).toEqual(report.validation);
      expect(await restored.predict(inputs)).toEqual(predictions);
    },
  );

  // 495 bars = 33 warm-up + 252 train + 30 gap + 5 × 30 test + 30 bars whose target is not yet known
  it('keeps the defaults and says so when they fit', async () => {
    const inputs = syntheticUniverse({ symbols: 6, bars: 495, seed: 12 }).map((series) => ({ bars: series }));
    const report = await new StockPredictionEnsemble(quick).fit(inputs);
    expect(report.validation).toMatchObject({ splits: 5, testSize: 30, trainSize: 252, derived: false });
  });

  it('refuses 119 bars with a typed error naming the symbol, in fit and in predict', async () => {
    const short = [{ bars: loadMsftBars(119) }];
    const ensemble = new StockPredictionEnsemble(quick);
    await expect(ensemble.fit(short)).rejects.toThrow(InsufficientHistoryError);
    await expect(ensemble.fit(short)).rejects.toThrow('MSFT needs at least 120 bars, has 119');
    await ensemble.fit([{ bars: loadMsftBars(150) }]);
    const error = await ensemble.predict(short).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientHistoryError);
    expect((error as InsufficientHistoryError).shortSeries).toEqual([{ symbol: 'MSFT', bars: 119 }]);
    expect((error as InsufficientHistoryError).minimum).toBe(MIN_FORECAST_BARS);
  });

  it('names every short series of a universe, and partitionByHistory separates them beforehand', async () => {
    const long = syntheticUniverse({ symbols: 3, bars: 200, seed: 13 });
    const inputs = [...long.map((bars) => ({ bars })), { bars: loadMsftBars(90) }];
    await expect(new StockPredictionEnsemble(quick).fit(inputs)).rejects.toThrow(
      'MSFT needs at least 120 bars, has 90',
    );
    const { usable, tooShort } = partitionByHistory(inputs);
    expect(usable.map((i) => i.bars.symbol)).toEqual(long.map((b) => b.symbol));
    expect(tooShort).toEqual([{ symbol: 'MSFT', bars: 90 }]);
  });

  it('asks for more bars when a long horizon leaves too few dates, naming the longest series', async () => {
    const inputs = [{ bars: loadMsftBars(150) }];
    await expect(new StockPredictionEnsemble({ ...quick, horizon: 60 }).fit(inputs)).rejects.toThrow(
      /MSFT needs at least 168 bars, has 150 \(a horizon of 60 needs 75 dates/,
    );
  });

  it('fails naming the validation option and the numbers when the options given cannot fit', async () => {
    const inputs = [{ bars: loadMsftBars(150) }];
    await expect(
      new StockPredictionEnsemble({ ...quick, validation: { trainSize: 252 } }).fit(inputs),
    ).rejects.toThrow(/`validation\.trainSize`.*trainSize 252 does not fit 87 usable dates/);
    await expect(
      new StockPredictionEnsemble({ ...quick, validation: { nSplits: 5, testSize: 30 } }).fit(inputs),
    ).rejects.toThrow(/validation\.nSplits, validation\.testSize/);
    // a partial option is kept and the rest derived, down to 120 bars (the server's fast mode asks for 3 splits)
    for (const count of [120, 150]) {
      const report = await new StockPredictionEnsemble({ ...quick, validation: { nSplits: 3 } }).fit([
        { bars: loadMsftBars(count) },
      ]);
      expect(report.validation).toMatchObject({ splits: 3, derived: true });
    }
  });
});
