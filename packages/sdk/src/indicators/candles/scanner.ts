import { InvalidArgumentError } from '../../data/errors.js';
import { assertStateType, decodeNumbers, encodeNumbers, type IndicatorState } from '../state.js';
import { checkFiniteInput, StreamingIndicator } from '../streaming.js';
import {
  CANDLE_SETTING_NAMES,
  type CandleSettingName,
  type CandleSettings,
  type CandleSettingsOverrides,
  resolveCandleSettings,
} from './candle-settings.js';
import type { CandleView } from './candle-view.js';
import type { CandlePatternDefinition } from './pattern.js';
import { resolvePenetration } from './pattern.js';
import { CANDLE_PATTERNS, type CandlePatternName, candlePattern } from './registry.js';
import { RunningCandleAverage } from './running-average.js';

/** A candle as the scanner takes it. */
export interface CandleInput {
  open: number;
  high: number;
  low: number;
  close: number;
}

/** One pattern found on the latest candle. */
export interface CandlePatternHit {
  /** Function name, e.g. `cdlEngulfing`. */
  pattern: CandlePatternName;
  /** TA-Lib's name, e.g. `CDLENGULFING`. */
  talib: string;
  /** −100 / 100 (±200 for a confirmed hikkake), as the batch function gives at this candle. */
  value: number;
}

/** Options of {@link CandlePatternScanner}. */
export interface CandlePatternScannerOptions {
  /** Patterns to watch (`cdl*` or `CDL*` names); all 61 when omitted. */
  patterns?: readonly string[];
  /** TA-Lib candle settings to override. */
  settings?: CandleSettingsOverrides;
  /** Penetration for the patterns that take one (their own default otherwise). */
  penetration?: number;
}

// No pattern reads further back than 6 candles before the latest (the modified hikkake's setup
// three candles ago starts three candles before that); keep a little more.
const HISTORY = 8;
const CAPACITY = 64;

/**
 * Streaming candlestick patterns: `update(candle)` returns the patterns that end on the new candle,
 * with exactly the values the `cdl*` functions give at that index (same averages, bit for bit).
 * `replace(candle)` revises the still-forming candle. O(patterns) per candle, constant memory.
 */
export class CandlePatternScanner extends StreamingIndicator<CandleInput, CandlePatternHit[]> {
  readonly type = 'CandlePatternScanner';
  /** The patterns watched, in {@link CANDLE_PATTERNS} order. */
  readonly patterns: readonly CandlePatternDefinition[];
  private readonly settings: CandleSettings;
  private readonly penetrations: number[];
  private readonly lookbacks: number[];
  private readonly used: readonly CandleSettingName[];
  private readonly averages: Map<CandleSettingName, RunningCandleAverage>;
  private readonly view: CandleView;
  private length = 0; // candles held in the view's arrays
  private hits: CandlePatternHit[] = [];
  private previousHits: CandlePatternHit[] = [];

  constructor(private readonly options: CandlePatternScannerOptions = {}) {
    super();
    const chosen = options.patterns?.map(candlePattern);
    this.patterns =
      chosen === undefined ? CANDLE_PATTERNS : CANDLE_PATTERNS.filter((def) => chosen.includes(def));
    if (this.patterns.length === 0)
      throw new InvalidArgumentError('patterns', 'must name at least one pattern');
    this.settings = resolveCandleSettings(options.settings);
    this.penetrations = this.patterns.map((def) => resolvePenetration(def, options.penetration));
    this.lookbacks = this.patterns.map((def) => def.lookback(this.settings));
    const used = new Set(this.patterns.flatMap((def) => def.settings));
    this.used = CANDLE_SETTING_NAMES.filter((name) => used.has(name));
    this.averages = new Map(this.used.map((name) => [name, new RunningCandleAverage(this.settings[name])]));
    const avg = {} as Record<CandleSettingName, Float64Array>;
    for (const name of CANDLE_SETTING_NAMES) avg[name] = new Float64Array(used.has(name) ? CAPACITY : 0);
    this.view = {
      open: new Float64Array(CAPACITY),
      high: new Float64Array(CAPACITY),
      low: new Float64Array(CAPACITY),
      close: new Float64Array(CAPACITY),
      avg,
    };
  }

  /** Index of the first candle on which every watched pattern can appear (the longest lookback). */
  get firstIndex(): number {
    return Math.max(...this.lookbacks);
  }

  get isStable(): boolean {
    return this.updates > this.firstIndex;
  }

  /** Patterns ending on the latest candle (empty when none). */
  get value(): CandlePatternHit[] {
    return this.hits;
  }

  /** The latest candle's value of one pattern (0 when it did not fire). */
  signal(pattern: string): number {
    const name = candlePattern(pattern).name;
    return this.hits.find((hit) => hit.pattern === name)?.value ?? 0;
  }

  protected checkInput(candle: CandleInput): void {
    if (candle == null || typeof candle !== 'object')
      throw new InvalidArgumentError('candle', 'must be an object');
    for (const field of ['open', 'high', 'low', 'close'] as const)
      checkFiniteInput(`candle.${field}`, candle[field]);
  }

  protected saveUndo(): void {
    this.previousHits = this.hits;
  }

  protected undo(): void {
    for (const average of this.averages.values()) average.undo();
    this.length--;
    this.hits = this.previousHits;
  }

  protected step(candle: CandleInput): CandlePatternHit[] {
    if (this.length === CAPACITY) this.compact();
    const view = this.view;
    const i = this.length++;
    view.open[i] = candle.open;
    view.high[i] = candle.high;
    view.low[i] = candle.low;
    view.close[i] = candle.close;
    for (const [name, average] of this.averages) {
      view.avg[name][i] = average.push(candle.open, candle.high, candle.low, candle.close);
    }
    const index = this.updates - 1; // the candle's index in the whole series
    const hits: CandlePatternHit[] = [];
    for (let k = 0; k < this.patterns.length; k++) {
      if (index < (this.lookbacks[k] as number)) continue;
      const def = this.patterns[k] as CandlePatternDefinition;
      const value = def.at(view, i, this.penetrations[k] as number);
      if (value !== 0) hits.push({ pattern: def.name as CandlePatternName, talib: def.talib, value });
    }
    this.hits = hits;
    return hits;
  }

  /** Moves the latest {@link HISTORY} candles to the front of the arrays. */
  private compact(): void {
    const from = this.length - HISTORY;
    const view = this.view;
    for (const column of [view.open, view.high, view.low, view.close])
      column.copyWithin(0, from, this.length);
    for (const name of this.used) view.avg[name].copyWithin(0, from, this.length);
    this.length = HISTORY;
  }

  toJSON(): IndicatorState {
    const start = Math.max(0, this.length - HISTORY);
    const slice = (column: Float64Array) => encodeNumbers(column.subarray(start, this.length));
    return {
      type: this.type,
      version: 1,
      params: this.options.penetration === undefined ? {} : { penetration: this.options.penetration },
      data: {
        updates: this.updates,
        patterns: this.patterns.map((def) => def.name),
        settings: this.settings,
        open: slice(this.view.open),
        high: slice(this.view.high),
        low: slice(this.view.low),
        close: slice(this.view.close),
        averages: Object.fromEntries(
          this.used.map((name) => [
            name,
            { values: slice(this.view.avg[name]), state: this.averages.get(name)?.toJSON() },
          ]),
        ),
        hits: this.hits,
        previousHits: this.previousHits,
      },
    };
  }

  /** Restores a scanner from {@link CandlePatternScanner.toJSON}. */
  static fromJSON(state: IndicatorState): CandlePatternScanner {
    assertStateType(state, 'CandlePatternScanner');
    const data = state.data as Record<string, unknown>;
    const scanner = new CandlePatternScanner({
      patterns: data.patterns as string[],
      settings: data.settings as CandleSettingsOverrides,
      ...(state.params.penetration === undefined ? {} : { penetration: state.params.penetration }),
    });
    const open = decodeNumbers(data.open);
    scanner.view.open.set(open);
    scanner.view.high.set(decodeNumbers(data.high));
    scanner.view.low.set(decodeNumbers(data.low));
    scanner.view.close.set(decodeNumbers(data.close));
    const averages = data.averages as Record<string, { values: unknown; state: Record<string, unknown> }>;
    for (const name of scanner.used) {
      const saved = averages[name];
      if (saved === undefined) throw new InvalidArgumentError('state', `has no average for ${name}`);
      scanner.view.avg[name].set(decodeNumbers(saved.values));
      scanner.averages.set(name, RunningCandleAverage.fromJSON(scanner.settings[name], saved.state));
    }
    scanner.length = open.length;
    scanner.updates = Number(data.updates);
    scanner.hits = data.hits as CandlePatternHit[];
    scanner.previousHits = data.previousHits as CandlePatternHit[];
    return scanner;
  }
}
