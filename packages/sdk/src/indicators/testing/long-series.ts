// Test kit (not part of the public build): long seeded series for the tests that cross the batch
// loops' chunk boundaries (batch-chunks.ts), and the bit-for-bit comparison they make.
import { expect } from 'vitest';
import { createRng } from '../../util/random.js';

/** Columns of {@link randomWalkBars}, each `length` long. */
export interface WalkColumns {
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Stretches of bars without any move, range or (now and then) volume. */
export interface QuietStretches {
  /** A stretch starts every `every` bars... */
  every: number;
  /** ...and lasts `length` bars. */
  length: number;
}

/**
 * `length` bars of a seeded random walk: closes move ~1 % a bar, highs and lows reach up to ~0.4 %
 * beyond open and close, volumes 1 to 1 000 000. With `quiet`, the walk also has stretches of bars
 * with high = low = close = the previous close (zero changes and zero ranges: the indicators' 0 / 0
 * cases), and every 300th bar (from bar 7) has no volume.
 */
export function randomWalkBars(length: number, seed: number, quiet?: QuietStretches): WalkColumns {
  const rng = createRng(seed);
  const high = new Float64Array(length);
  const low = new Float64Array(length);
  const close = new Float64Array(length);
  const volume = new Float64Array(length);
  let price = 100;
  for (let i = 0; i < length; i++) {
    const open = price;
    const flat = quiet !== undefined && i % quiet.every < quiet.length;
    price = flat ? price : price * Math.exp(0.01 * rng.normal());
    close[i] = price;
    high[i] = flat ? price : Math.max(open, price) * (1 + 0.004 * Math.abs(rng.normal()));
    low[i] = flat ? price : Math.min(open, price) * (1 - 0.004 * Math.abs(rng.normal()));
    volume[i] = quiet !== undefined && i % 300 === 7 ? 0 : rng.int(1, 1_000_000);
  }
  return { high, low, close, volume };
}

/**
 * Every batch column equals the streaming output field at every index, bit for bit. One column
 * may be passed alone, with the streaming outputs as plain numbers.
 */
export function expectSameBits(
  columns: Float64Array | readonly Float64Array[],
  outputs: readonly (number | readonly number[])[],
): void {
  const batch = columns instanceof Float64Array ? [columns] : columns;
  for (const column of batch) expect(column.length).toBe(outputs.length);
  for (let i = 0; i < outputs.length; i++) {
    const output = outputs[i] as number | readonly number[];
    const row = typeof output === 'number' ? [output] : output;
    for (let k = 0; k < batch.length; k++) {
      const value = (batch[k] as Float64Array)[i] as number;
      if (!Object.is(value, row[k])) expect(row[k], `column ${k} at ${i}`).toBe(value);
    }
  }
}
