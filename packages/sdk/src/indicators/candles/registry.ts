import { InvalidArgumentError } from '../../data/errors.js';
import { assertOutputNames, checkOutput } from '../output.js';
import { type CandleSettingName, resolveCandleSettings } from './candle-settings.js';
import { buildCandleView, releaseCandleView } from './candle-view.js';
import * as crowsSoldiers from './crows-soldiers.js';
import * as doji from './doji.js';
import * as fiveCandle from './five-candle.js';
import * as gaps from './gaps.js';
import * as hammers from './hammers.js';
import * as hikkake from './hikkake.js';
import * as lines from './lines.js';
import {
  type CandlePatternDefinition,
  type CandlePatternOptions,
  resolvePenetration,
  runPattern,
} from './pattern.js';
import * as singleCandle from './single-candle.js';
import * as stars from './stars.js';
import * as threeCandle from './three-candle.js';
import * as twoCandle from './two-candle.js';

function definitionsOf(module: Record<string, unknown>): CandlePatternDefinition[] {
  return Object.values(module).filter(
    (value): value is CandlePatternDefinition =>
      typeof value === 'object' && value !== null && 'talib' in value && 'at' in value,
  );
}

/** TA-Lib's 61 candlestick patterns, sorted by function name (`cdl2Crows` … `cdlXSideGap3Methods`). */
export const CANDLE_PATTERNS: readonly CandlePatternDefinition[] = Object.freeze(
  [
    crowsSoldiers,
    doji,
    fiveCandle,
    gaps,
    hammers,
    hikkake,
    lines,
    singleCandle,
    stars,
    threeCandle,
    twoCandle,
  ]
    .flatMap((module) => definitionsOf(module as Record<string, unknown>))
    .sort((a, b) => (a.name < b.name ? -1 : 1)),
);

/** Name of a pattern function, e.g. `cdlEngulfing`. */
export type CandlePatternName = `cdl${string}`;

const BY_NAME = new Map(CANDLE_PATTERNS.map((def) => [def.name, def]));

/** The definition of the pattern called `name` (its `cdl*` name or TA-Lib's `CDL*` name). */
export function candlePattern(name: string): CandlePatternDefinition {
  const def = BY_NAME.get(name) ?? CANDLE_PATTERNS.find((candidate) => candidate.talib === name);
  if (def === undefined) {
    throw new InvalidArgumentError('patterns', `unknown candlestick pattern ${JSON.stringify(name)}`);
  }
  return def;
}

/** Candles per block of {@link detectCandlePatterns}: ~13 columns of them fit in a core's cache. */
const CACHE_BLOCK = 8192;

/** Options of {@link detectCandlePatterns}: the `cdl*` options, which patterns, and their columns. */
export interface DetectCandlePatternsOptions extends Omit<CandlePatternOptions, 'out'> {
  /** Patterns to run (`cdl*` or `CDL*` names); all 61 when omitted. */
  patterns?: readonly string[];
  /**
   * Columns to write into and return, by `cdl*` name — any of the patterns run; the others are
   * allocated. Each is an `Int32Array` of the input's length that shares no memory with an input
   * or another column (every slot is written). A scan of many symbols keeps one set: all 61 over
   * 1 M candles allocate 244 MB per call otherwise.
   */
  out?: Readonly<Partial<Record<CandlePatternName, Int32Array>>>;
}

/**
 * Runs many patterns over one series, computing each candle-setting average once for all of them
 * (what makes all 61 over a long series cheap). Returns one `Int32Array` per pattern, keyed by its
 * `cdl*` name, equal to what the pattern's own function returns — the caller's column where
 * `options.out` has one for that name.
 */
export function detectCandlePatterns(
  open: ArrayLike<number>,
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options: DetectCandlePatternsOptions = {},
): Record<CandlePatternName, Int32Array> {
  const defs = options.patterns === undefined ? CANDLE_PATTERNS : options.patterns.map(candlePattern);
  const { out } = options;
  assertOutputNames(
    out,
    defs.map((def) => def.name),
  );
  const settings = resolveCandleSettings(options.settings);
  const needed = new Set<CandleSettingName>(defs.flatMap((def) => def.settings));
  const view = buildCandleView(open, high, low, close, settings, needed);
  const n = view.open.length;
  const inUse: Record<string, ArrayLike<number>> = { open, high, low, close };
  const result: Record<CandlePatternName, Int32Array> = {};
  const blocked: { def: CandlePatternDefinition; from: number; column: Int32Array; penetration: number }[] =
    [];
  for (const def of defs) {
    const name = def.name as CandlePatternName;
    const given = out?.[name];
    if (given !== undefined) {
      checkOutput(given, Int32Array, `out.${name}`, n, inUse);
      inUse[`out.${name}`] = given;
    }
    const column = given ?? new Int32Array(n);
    const penetration = resolvePenetration(def, options.penetration);
    result[name] = column;
    if (def.stateful) runPattern(def, view, settings, penetration, column);
    else {
      const from = def.lookback(settings);
      column.fill(0, 0, from);
      blocked.push({ def, from, column, penetration });
    }
  }
  // All patterns block by block: the block's price and average columns stay in the CPU's cache
  // for the next pattern instead of streaming the whole series from memory 61 times.
  for (let start = 0; start < n; start += CACHE_BLOCK) {
    const end = Math.min(n, start + CACHE_BLOCK);
    for (const { def, from, column, penetration } of blocked) {
      if (from < end) def.scan(view, Math.max(from, start), column.subarray(0, end), penetration);
    }
  }
  releaseCandleView(view);
  return result;
}
