import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trackRecordQueryText, trackRecordSelection } from '../web/src/track-record-route.js';

describe('track record link', () => {
  it('reads the model and horizon the API accepts', () => {
    expect(trackRecordSelection('model=xgboost&horizon=5')).toEqual({ model: 'xgboost', horizon: 5 });
    expect(trackRecordSelection('')).toEqual({ model: null, horizon: null });
  });

  it('falls back to the defaults for what the API would refuse', () => {
    for (const query of [
      'model=XGB',
      'model=a%20b',
      'horizon=0',
      'horizon=366',
      'horizon=2.5',
      'horizon=1e2',
    ])
      expect(trackRecordSelection(query)).toEqual({ model: null, horizon: null });
  });

  it('round-trips every valid selection through the link', () => {
    const selection = fc.record({
      model: fc.option(fc.stringMatching(/^[a-z0-9_-]{1,40}$/)),
      horizon: fc.option(fc.integer({ min: 1, max: 365 })),
    });
    fc.assert(
      fc.property(selection, (s) => {
        expect(trackRecordSelection(trackRecordQueryText(s))).toEqual(s);
      }),
    );
  });
});
