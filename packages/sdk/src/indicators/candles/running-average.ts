import { RingBuffer } from '../ring-buffer.js';
import { decodeNumber, encodeNumber } from '../state.js';
import { type CandleSetting, candleRange, settingAverage } from './candle-settings.js';

/**
 * One candle setting's average, one candle at a time: the streaming twin of `rangeMeans` (and the scaling after it),
 * doing the same floating-point operations in the same order so the values are bit-identical.
 * Keeps one step of undo for `replace`.
 */
export class RunningCandleAverage {
  private ranges: RingBuffer | undefined;
  private sum = 0;
  private previousSum = 0;
  private seen = 0;

  constructor(readonly setting: Readonly<CandleSetting>) {
    this.ranges = setting.period > 0 ? new RingBuffer(setting.period) : undefined;
  }

  /** The average the new candle is compared with (NaN until `period` candles came before it). */
  push(open: number, high: number, low: number, close: number): number {
    const setting = this.setting;
    const range = candleRange(setting.rangeType, open, high, low, close);
    const average = this.seen >= setting.period ? settingAverage(setting, this.sum, range) : Number.NaN;
    this.previousSum = this.sum;
    if (this.ranges !== undefined) {
      this.sum += this.ranges.isFull ? range - this.ranges.oldest() : range;
      this.ranges.push(range);
    }
    this.seen++;
    return average;
  }

  /** Reverts the latest `push`. */
  undo(): void {
    this.sum = this.previousSum;
    this.ranges?.undoPush();
    this.seen--;
  }

  toJSON(): Record<string, unknown> {
    return {
      sum: encodeNumber(this.sum),
      previousSum: encodeNumber(this.previousSum),
      seen: this.seen,
      ranges: this.ranges?.toJSON() ?? null,
    };
  }

  static fromJSON(setting: Readonly<CandleSetting>, json: Record<string, unknown>): RunningCandleAverage {
    const average = new RunningCandleAverage(setting);
    average.sum = decodeNumber(json.sum);
    average.previousSum = decodeNumber(json.previousSum);
    average.seen = Number(json.seen);
    if (json.ranges !== null && typeof json.ranges === 'object') {
      average.ranges = RingBuffer.fromJSON(json.ranges as Record<string, unknown>);
    }
    return average;
  }
}
