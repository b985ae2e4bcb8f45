import { createRng } from '@da-ki/sdk';

/** Ticks in one simulated session: a price per minute from 09:30 to 16:00. */
export const TICKS_PER_SESSION = 390;

/** Inputs of {@link simulatedTickPrice}. */
export interface SimulatedTickInput {
  /** Seed of the synthetic provider, so two servers on one seed show the same market. */
  seed: number | string;
  symbol: string;
  /** The last daily close: ticks wander around it. */
  lastClose: number;
  /** Standard deviation of daily log returns; clamped to [0.2 %, 10 %]. */
  dailyVolatility: number;
  /** Simulated-clock tick (a minute of the simulated market). */
  tick: number;
}

/**
 * A deterministic intraday price for the synthetic provider: the last close times exp(x), where x
 * is a sum of three slow waves (session, ~1.5 h and ~20 min periods, phases from the seed and
 * symbol) plus a small per-tick shock. The same inputs give the same price in every process, so
 * sharded workers need no shared state; x is stationary, so prices stay around the close (its sd
 * is about half a daily move) however long a demo runs.
 */
export function simulatedTickPrice(input: SimulatedTickInput): number {
  if (!(input.lastClose > 0) || !Number.isFinite(input.lastClose)) {
    throw new RangeError(
      `lastClose of ${input.symbol} must be a positive finite number, got ${input.lastClose}`,
    );
  }
  if (!Number.isInteger(input.tick)) throw new RangeError(`tick must be an integer, got ${input.tick}`);
  const sigma = Math.min(
    0.1,
    Math.max(0.002, Number.isFinite(input.dailyVolatility) ? input.dailyVolatility : 0.02),
  );
  const phases = createRng(`${input.seed}:${input.symbol}:phases`);
  const k = input.tick;
  const wave = (amplitude: number, period: number) =>
    amplitude * Math.sin((2 * Math.PI * k) / period + 2 * Math.PI * phases.next());
  const shock = 0.25 * createRng(`${input.seed}:${input.symbol}:${k}`).normal();
  const x = sigma * (wave(0.5, TICKS_PER_SESSION) + wave(0.35, 97) + wave(0.2, 23) + shock);
  return roundPrice(input.lastClose * Math.exp(x));
}

/** Standard deviation of the last `window` daily log returns of `close` (NaN with fewer than two returns). */
export function dailyVolatility(close: ArrayLike<number>, window = 20): number {
  const start = Math.max(1, close.length - window);
  const returns: number[] = [];
  for (let i = start; i < close.length; i++)
    returns.push(Math.log((close[i] as number) / (close[i - 1] as number)));
  if (returns.length < 2) return Number.NaN;
  const mean = returns.reduce((sum, r) => sum + r, 0) / returns.length;
  const variance = returns.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (returns.length - 1);
  return Math.sqrt(variance);
}

/** Prices are stored as NUMERIC(18, 4): round once, here, so every consumer sees the same number. */
export function roundPrice(price: number): number {
  return Math.round(price * 10_000) / 10_000;
}
