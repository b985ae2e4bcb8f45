import { describe, expect, it } from 'vitest';
import { formatEta, readTrainingProgress, trainingText } from '../web/src/components/training-progress.js';

const training = (progress: unknown) => ({ status: 'training', progress });

describe('training progress on the dashboard', () => {
  it('says the stage, the percent, the units and the time left', () => {
    const progress = readTrainingProgress(
      training({ stage: 'training', done: 9, total: 20, percent: 45.5, eta_seconds: 170 }),
    );
    expect(progress && trainingText(progress)).toBe('Training: fitting the models 45% (9 of 20, ETA 3 min)');
  });

  it('leaves out the ETA before the first unit is done, and shows an unknown stage as named', () => {
    const progress = readTrainingProgress(
      training({ stage: 'warm-up', done: 0, total: 4, percent: 0, eta_seconds: null }),
    );
    expect(progress && trainingText(progress)).toBe('Training: warm-up 0% (0 of 4)');
  });

  it('has no progress for a ready, off or failed prediction, nor for a malformed one', () => {
    const good = { stage: 'dataset', done: 1, total: 2, percent: 50, eta_seconds: 3 };
    expect(readTrainingProgress({ status: 'ready', progress: good })).toBeNull();
    expect(readTrainingProgress({ status: 'off' })).toBeNull();
    expect(readTrainingProgress(training(undefined))).toBeNull();
    expect(readTrainingProgress(training({ ...good, percent: Number.NaN }))).toBeNull();
    expect(readTrainingProgress(null)).toBeNull();
  });

  it('keeps the percent within 0–100 and drops a negative ETA', () => {
    expect(
      readTrainingProgress(
        training({ stage: 'evaluation', done: 5, total: 4, percent: 125, eta_seconds: -2 }),
      ),
    ).toEqual({ stage: 'evaluation', done: 5, total: 4, percent: 100, eta_seconds: null });
  });

  it('writes seconds, minutes and hours as a reader wants them', () => {
    expect([formatEta(40.4), formatEta(59.6), formatEta(150), formatEta(3900)]).toEqual([
      '40 s',
      '1 min',
      '3 min',
      '1 h 5 min',
    ]);
  });
});
