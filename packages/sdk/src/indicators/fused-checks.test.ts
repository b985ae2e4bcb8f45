// The batch loops that check their input inside their own pass (a Float64Array skips the separate
// validation passes): the same results and the same errors, naming column and index, as plain arrays.
import { describe, expect, it } from 'vitest';
import * as indicators from './index.js';
import { toColumns } from './testing/columns.js';
import { loadReferenceBars } from './testing/reference-data.js';

type Columns = { open: number[]; high: number[]; low: number[]; close: number[]; volume: number[] };
type Typed = { [K in keyof Columns]: Float64Array };

/** Each fused batch function, reading the columns it needs. */
const cases: [string, (c: Columns | Typed) => unknown][] = [
  ['psar', (c) => indicators.psar(c.high, c.low)],
  ['accumulationDistribution', (c) => indicators.accumulationDistribution(c.high, c.low, c.close, c.volume)],
  ['vortex', (c) => indicators.vortex(c.high, c.low, c.close, 14)],
  ['kama', (c) => indicators.kama(c.close)],
  ['bollingerBands', (c) => indicators.bollingerBands(c.close)],
  ['rollingStd', (c) => indicators.rollingStd(c.close, 20)],
  ['dema', (c) => indicators.dema(c.close, 20)],
  ['tema', (c) => indicators.tema(c.close, 20)],
  ['trix', (c) => indicators.trix(c.close, 15)],
  ['t3', (c) => indicators.t3(c.close)],
  ['mom', (c) => indicators.mom(c.close, 10)],
  ['zlema', (c) => indicators.zlema(c.close, 20)],
  ['trima', (c) => indicators.trima(c.close, 20)],
  ['apo', (c) => indicators.apo(c.close)],
  ['ppo', (c) => indicators.ppo(c.close)],
  ['tsi', (c) => indicators.tsi(c.close)],
  ['kst', (c) => indicators.kst(c.close)],
  ['cmo', (c) => indicators.cmo(c.close, 14)],
  ['cmo talib', (c) => indicators.cmo(c.close, 14, { convention: 'talib' })],
  ['fisherTransform', (c) => indicators.fisherTransform(c.high, c.low, 9)],
  ['forceIndex', (c) => indicators.forceIndex(c.close, c.volume, 13)],
  ['chaikinOscillator', (c) => indicators.chaikinOscillator(c.high, c.low, c.close, c.volume)],
  ['balanceOfPower', (c) => indicators.balanceOfPower(c.open, c.high, c.low, c.close)],
  ['natr', (c) => indicators.natr(c.high, c.low, c.close, 14)],
  ['natr tradingview', (c) => indicators.natr(c.high, c.low, c.close, 14, { convention: 'tradingview' })],
  ['chaikinVolatility', (c) => indicators.chaikinVolatility(c.high, c.low)],
  ['linearRegression', (c) => indicators.linearRegression(c.close, 14)],
  ['alma', (c) => indicators.alma(c.close)],
  ['vwma', (c) => indicators.vwma(c.close, c.volume, 20)],
  ['chaikinMoneyFlow', (c) => indicators.chaikinMoneyFlow(c.high, c.low, c.close, c.volume, 20)],
  ['keltner', (c) => indicators.keltner(c.high, c.low, c.close)],
  ['keltner tradingview', (c) => indicators.keltner(c.high, c.low, c.close, { convention: 'tradingview' })],
  ['choppiness', (c) => indicators.choppiness(c.high, c.low, c.close, 14)],
];

const bars = loadReferenceBars().slice(0, 250);
const columnsOf = (): Columns => ({ ...toColumns(bars), open: bars.map((b) => b.open) });

function typed(c: Columns): Typed {
  return {
    open: Float64Array.from(c.open),
    high: Float64Array.from(c.high),
    low: Float64Array.from(c.low),
    close: Float64Array.from(c.close),
    volume: Float64Array.from(c.volume),
  };
}

/** The error `run` throws (or undefined), as name and message. */
function errorOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** Bad bars: each breaks one rule at one index, in every column an indicator may read. */
const faults: [string, (c: Columns) => void][] = [
  ['NaN close', (c) => (c.close[150] = Number.NaN)],
  ['Infinity close', (c) => (c.close[120] = Number.POSITIVE_INFINITY)],
  ['-Infinity close at 0', (c) => (c.close[0] = Number.NEGATIVE_INFINITY)],
  ['NaN high', (c) => (c.high[77] = Number.NaN)],
  ['Infinity open', (c) => (c.open[33] = Number.POSITIVE_INFINITY)],
  ['Infinity low', (c) => (c.low[200] = Number.POSITIVE_INFINITY)],
  ['high below low', (c) => (c.high[99] = (c.low[99] as number) - 1)],
  [
    'high = low = Infinity',
    (c) => {
      c.high[42] = Number.POSITIVE_INFINITY;
      c.low[42] = Number.POSITIVE_INFINITY;
    },
  ],
  ['negative volume', (c) => (c.volume[240] = -5)],
  ['close beyond the variance limit', (c) => (c.close[230] = 1e200)],
];

describe('batch loops with fused input checks', () => {
  for (const [name, run] of cases) {
    it(`${name}: a Float64Array gives the bits of a plain array`, () => {
      const plain = columnsOf();
      expect(run(typed(plain))).toEqual(run(plain));
    });

    for (const [fault, apply] of faults) {
      it(`${name}: ${fault} in a Float64Array throws what a plain array throws`, () => {
        const plain = columnsOf();
        apply(plain);
        expect(errorOf(() => run(typed(plain)))).toBe(errorOf(() => run(plain)));
      });
    }
  }

  it('the errors name the column and the index', () => {
    const plain = columnsOf();
    plain.high[99] = (plain.low[99] as number) - 1;
    expect(() => indicators.psar(typed(plain).high, typed(plain).low)).toThrow(/high.*99|99.*high/);
    const flat = columnsOf();
    flat.close[150] = Number.NaN;
    expect(() => indicators.bollingerBands(typed(flat).close)).toThrow(/values.*150|150.*values/);
  });
});
