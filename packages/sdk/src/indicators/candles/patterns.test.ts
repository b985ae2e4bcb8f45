import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../data/errors.js';
import { barSeries } from '../testing/contract.js';
import { DEFAULT_CANDLE_SETTINGS } from './candle-settings.js';
import * as candles from './index.js';
import { CANDLE_PATTERNS, detectCandlePatterns } from './registry.js';
import { type Candle, CONTEXT, PATTERN_CASES } from './testing/hand-built-cases.js';
import { syntheticCandles } from './testing/talib-reference.js';

function columns(series: readonly Candle[]) {
  return {
    open: series.map((c) => c[0]),
    high: series.map((c) => c[1]),
    low: series.map((c) => c[2]),
    close: series.map((c) => c[3]),
  };
}

function patternFunction(name: string): candles.CandlePatternFunction {
  const fn = (candles as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new Error(`${name} is not exported`);
  return fn as candles.CandlePatternFunction;
}

function lastValue(name: string, series: readonly Candle[]): number {
  const { open, high, low, close } = columns([...CONTEXT, ...series]);
  return patternFunction(name)(open, high, low, close).at(-1) as number;
}

describe('hand-built candles', () => {
  it('has a case for each of the 61 patterns', () => {
    expect(new Set(PATTERN_CASES.map((c) => c.pattern))).toEqual(new Set(CANDLE_PATTERNS.map((d) => d.name)));
  });

  for (const c of PATTERN_CASES) {
    it(`${c.pattern} fires on its shape (${c.expected}) and not when ${c.why}`, () => {
      expect(lastValue(c.pattern, c.hit)).toBe(c.expected);
      expect(lastValue(c.pattern, c.miss)).toBe(0);
    });
  }

  it('gives the hikkake setup 100 on its breakout bar before any confirmation', () => {
    const hikkake = PATTERN_CASES.find((c) => c.pattern === 'cdlHikkake');
    expect(lastValue('cdlHikkake', hikkake?.hit.slice(0, 3) ?? [])).toBe(100);
  });

  it('mirrors the bullish morning star into a bearish evening star', () => {
    // Reflect every price around 200: white and black swap, highs become lows.
    const morning = PATTERN_CASES.find((c) => c.pattern === 'cdlMorningStar')?.hit ?? [];
    const mirrored = [...CONTEXT, ...morning].map(
      ([o, h, l, c]) => [200 - o, 200 - l, 200 - h, 200 - c] as const,
    );
    const { open, high, low, close } = columns(mirrored);
    expect(candles.cdlEveningStar(open, high, low, close).at(-1)).toBe(-100);
    expect(candles.cdlMorningStar(open, high, low, close).at(-1)).toBe(0);
  });
});

describe('cdl* functions', () => {
  const series = syntheticCandles();

  it('give exactly what detectCandlePatterns gives for the same pattern', () => {
    const all = detectCandlePatterns(series.open, series.high, series.low, series.close);
    for (const def of CANDLE_PATTERNS) {
      const own = patternFunction(def.name)(series.open, series.high, series.low, series.close);
      expect(own, def.name).toEqual(all[def.name as `cdl${string}`]);
    }
  });

  it('are 0 before their lookback and only −200, −100, 0, 100 or 200 after', () => {
    const all = detectCandlePatterns(series.open, series.high, series.low, series.close);
    for (const def of CANDLE_PATTERNS) {
      const values = all[def.name as `cdl${string}`] as Int32Array;
      const lookback = def.lookback(DEFAULT_CANDLE_SETTINGS);
      expect(
        Array.from(values.subarray(0, lookback)).every((v) => v === 0),
        def.name,
      ).toBe(true);
      const allowed = def.talib.startsWith('CDLHIKKAKE') ? [-200, -100, 0, 100, 200] : [-100, 0, 100];
      expect(
        new Set(values).size > 0 && [...new Set(values)].every((v) => allowed.includes(v)),
        def.name,
      ).toBe(true);
    }
  });

  it('never look ahead: later candles do not change earlier values', () => {
    fc.assert(
      fc.property(barSeries(80), barSeries(80), fc.nat(), (bars, other, cut) => {
        const k = cut % (bars.length + 1);
        const changed = [...bars.slice(0, k), ...other];
        const column = (series: typeof bars, field: 'open' | 'high' | 'low' | 'close') =>
          series.map((b) => b[field]);
        const a = detectCandlePatterns(
          column(bars, 'open'),
          column(bars, 'high'),
          column(bars, 'low'),
          column(bars, 'close'),
        );
        const b = detectCandlePatterns(
          column(changed, 'open'),
          column(changed, 'high'),
          column(changed, 'low'),
          column(changed, 'close'),
        );
        for (const def of CANDLE_PATTERNS) {
          const name = def.name as `cdl${string}`;
          expect(Array.from((b[name] as Int32Array).subarray(0, k)), name).toEqual(
            Array.from((a[name] as Int32Array).subarray(0, k)),
          );
        }
      }),
      { numRuns: 50 },
    );
  });

  it('accept any ArrayLike and return an Int32Array of the input length', () => {
    const out = candles.cdlDoji([1, 1, 1], [2, 2, 2], [0, 0, 0], [1, 1, 1.5]);
    expect(out).toBeInstanceOf(Int32Array);
    expect(out).toHaveLength(3);
    expect(candles.cdlEngulfing([], [], [], [])).toHaveLength(0);
  });

  it('let the options change the candle settings and the penetration', () => {
    const doji = PATTERN_CASES.find((c) => c.pattern === 'cdlDoji')?.miss ?? [];
    const { open, high, low, close } = columns([...CONTEXT, ...doji]);
    expect(candles.cdlDoji(open, high, low, close).at(-1)).toBe(0);
    // A body of 0.5 is a doji when a doji may have up to 30 % of the average range (0.6).
    expect(candles.cdlDoji(open, high, low, close, { settings: { bodyDoji: { factor: 0.3 } } }).at(-1)).toBe(
      100,
    );

    const star = PATTERN_CASES.find((c) => c.pattern === 'cdlMorningStar')?.miss ?? [];
    const s = columns([...CONTEXT, ...star]);
    expect(candles.cdlMorningStar(s.open, s.high, s.low, s.close).at(-1)).toBe(0);
    expect(candles.cdlMorningStar(s.open, s.high, s.low, s.close, { penetration: 0.2 }).at(-1)).toBe(100);
  });
});

describe('bad input', () => {
  it('names the column and index of a non-finite price', () => {
    expect(() => candles.cdlDoji([1, 2], [2, 3], [0, 1], [1, Number.NaN])).toThrow(InvalidArgumentError);
    expect(() => candles.cdlDoji([1, 2], [2, 3], [0, 1], [1, Number.NaN])).toThrow(/`close` at index 1/);
  });

  it('names the column whose length differs', () => {
    expect(() => candles.cdlHammer([1, 2], [2, 3], [0], [1, 2])).toThrow(
      /`low`: has length 1 but `open` has length 2/,
    );
  });

  it('refuses bad settings and penetration, naming them', () => {
    const args = [[1], [2], [0], [1]] as const;
    expect(() => candles.cdlDoji(...args, { settings: { bodyDoji: { period: -1 } } })).toThrow(
      /settings\.bodyDoji\.period/,
    );
    expect(() => candles.cdlDoji(...args, { settings: { bodyDoji: { factor: Number.NaN } } })).toThrow(
      /settings\.bodyDoji\.factor/,
    );
    expect(() =>
      candles.cdlDoji(...args, { settings: { bodyDoji: { rangeType: 'wicks' as 'highLow' } } }),
    ).toThrow(/settings\.bodyDoji\.rangeType/);
    expect(() => candles.cdlDoji(...args, { settings: { bodyHuge: {} } as never })).toThrow(
      /settings\.bodyHuge/,
    );
    expect(() => candles.cdlMorningStar(...args, { penetration: -0.1 })).toThrow(/penetration/);
    expect(() => detectCandlePatterns(...args, { patterns: ['cdlNoSuchThing'] })).toThrow(/cdlNoSuchThing/);
  });
});

describe('the averages recycled from one call to the next', () => {
  it('give every call the values of a first call, whatever ran in between', () => {
    const a = syntheticCandles();
    const b = { open: a.close, high: a.high, low: a.low, close: a.open }; // the same length, other bodies
    const args = (s: typeof a) => [s.open, s.high, s.low, s.close] as const;
    const first = detectCandlePatterns(...args(a));
    detectCandlePatterns(...args(b));
    candles.cdlDoji(...args(b));
    candles.cdlEngulfing(a.open.slice(0, 50), a.high.slice(0, 50), a.low.slice(0, 50), a.close.slice(0, 50));
    const again = detectCandlePatterns(...args(a));
    for (const def of CANDLE_PATTERNS) {
      const name = def.name as `cdl${string}`;
      expect(again[name], name).toEqual(first[name]);
    }
  });
});

describe('the out option', () => {
  const series = syntheticCandles();
  const open = Float64Array.from(series.open);
  const high = Float64Array.from(series.high);
  const low = Float64Array.from(series.low);
  const close = Float64Array.from(series.close);
  const n = close.length;

  it('writes every slot of a reused Int32Array full of leftovers and returns it, for all 61 patterns', () => {
    // Fresh columns from one call (equal to the cdl* functions' own, as tested above).
    const all = detectCandlePatterns(open, high, low, close);
    const out = new Int32Array(n);
    for (const def of CANDLE_PATTERNS) {
      const fresh = all[def.name as `cdl${string}`] as Int32Array;
      out.fill(7);
      const written = patternFunction(def.name)(open, high, low, close, { out });
      expect(written, def.name).toBe(out);
      expect(written.length, def.name).toBe(n);
      // The first slot that differs (-1: none); a per-slot comparison, 10 000 × 61 expects, is slow.
      expect(
        written.findIndex((value, i) => value !== fresh[i]),
        def.name,
      ).toBe(-1);
    }
  });

  it('does so on random series too, shorter than the lookback included, and with other options', () => {
    fc.assert(
      fc.property(barSeries(40), fc.constantFrom(7, -100, 200), (bars, leftover) => {
        const o = bars.map((b) => b.open);
        const h = bars.map((b) => b.high);
        const l = bars.map((b) => b.low);
        const c = bars.map((b) => b.close);
        const options = { settings: { bodyDoji: { period: 3 } }, penetration: 0.1 };
        for (const def of CANDLE_PATTERNS) {
          const cdl = patternFunction(def.name);
          const out = new Int32Array(bars.length).fill(leftover);
          const written = cdl(o, h, l, c, { ...options, out });
          expect(written, def.name).toBe(out);
          expect(written, def.name).toEqual(cdl(o, h, l, c, options));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('refuses an out of the wrong length or type, naming `out`', () => {
    expect(() => candles.cdlEngulfing(open, high, low, close, { out: new Int32Array(n - 1) })).toThrow(
      /Invalid argument `out`: has length 9999 but the input has length 10000/,
    );
    const float64 = new Float64Array(n) as unknown as Int32Array;
    expect(() => candles.cdlEngulfing(open, high, low, close, { out: float64 })).toThrow(
      /Invalid argument `out`: must be an Int32Array, got Float64Array/,
    );
  });

  it('refuses an out sharing memory with an input: a view on its buffer, or the input itself', () => {
    // An Int32Array can only share a Float64Array input's memory through a view on the same buffer.
    const buffer = new ArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT);
    const sharedClose = new Float64Array(buffer);
    sharedClose.set(close);
    for (const offset of [0, n * Int32Array.BYTES_PER_ELEMENT]) {
      const out = new Int32Array(buffer, offset, n);
      expect(() => candles.cdlHammer(open, high, low, sharedClose, { out })).toThrow(
        /Invalid argument `out`: shares memory with `close`/,
      );
    }
    const intOpen = Int32Array.from([10, 11, 12]);
    expect(() => candles.cdlDoji(intOpen, [12, 13, 14], [9, 10, 11], [10, 11, 13], { out: intOpen })).toThrow(
      /Invalid argument `out`: shares memory with `open`/,
    );
    // A separate buffer is fine, and the inputs are left as they were.
    const written = candles.cdlHammer(open, high, low, sharedClose, { out: new Int32Array(n) });
    expect(written).toEqual(candles.cdlHammer(open, high, low, close));
    expect(sharedClose).toEqual(close);
  });

  it('detectCandlePatterns writes the patterns named in out into those columns and allocates the rest', () => {
    const fresh = detectCandlePatterns(open, high, low, close);
    const out = Object.fromEntries(CANDLE_PATTERNS.map((def) => [def.name, new Int32Array(n).fill(7)]));
    const written = detectCandlePatterns(open, high, low, close, { out });
    for (const def of CANDLE_PATTERNS) {
      const name = def.name as `cdl${string}`;
      expect(written[name], name).toBe(out[name]);
      expect(
        written[name]?.findIndex((value, i) => value !== fresh[name]?.[i]),
        name,
      ).toBe(-1);
    }
    // Only some columns given: the others are new arrays with the same values.
    const engulfing = new Int32Array(n).fill(-5);
    const some = detectCandlePatterns(open, high, low, close, {
      patterns: ['cdlEngulfing', 'CDLDOJI'],
      out: { cdlEngulfing: engulfing },
    });
    expect(some.cdlEngulfing).toBe(engulfing);
    expect(some.cdlEngulfing).toEqual(fresh.cdlEngulfing);
    expect(some.cdlDoji).toEqual(fresh.cdlDoji);
  });

  it('detectCandlePatterns refuses out columns of patterns it does not run, of another length or shared', () => {
    expect(() =>
      detectCandlePatterns(open, high, low, close, {
        patterns: ['cdlDoji'],
        out: { cdlHammer: new Int32Array(n) },
      }),
    ).toThrow('Invalid argument `out.cdlHammer`: is not an output; the outputs are cdlDoji');
    expect(() =>
      detectCandlePatterns(open, high, low, close, { out: { cdlDoji: new Int32Array(n - 1) } }),
    ).toThrow(/`out.cdlDoji`: has length 9999 but the input has length 10000/);
    const shared = new Int32Array(n);
    expect(() =>
      detectCandlePatterns(open, high, low, close, {
        patterns: ['cdlDoji', 'cdlHammer'],
        out: { cdlDoji: shared, cdlHammer: shared },
      }),
    ).toThrow('Invalid argument `out.cdlHammer`: shares memory with `out.cdlDoji`: pass a separate array');
    expect(() => detectCandlePatterns(open, high, low, close, { out: new Int32Array(n) as never })).toThrow(
      /Invalid argument `out`: must be an object of columns/,
    );
  });
});
