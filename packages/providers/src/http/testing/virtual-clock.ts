import type { Clock } from '../clock.js';

interface Timer {
  due: number;
  resolve: () => void;
}

/** Options of {@link VirtualClock}. */
export interface VirtualClockOptions {
  /** Start time, epoch ms. Default 2024-05-17T12:00:00Z. */
  start?: number;
  /**
   * `true` (default): `sleep` returns at once and moves the clock forward, so code that waits
   * (back-off, `Retry-After`) runs without real delays. `false`: sleeps wait until the test calls
   * {@link VirtualClock.advance}.
   */
  autoAdvance?: boolean;
}

/** A {@link Clock} for tests: virtual time that records every sleep. */
export class VirtualClock implements Clock {
  /** Every duration passed to `sleep`, in call order. */
  readonly sleeps: number[] = [];
  private time: number;
  private readonly autoAdvance: boolean;
  private timers: Timer[] = [];

  constructor(options: VirtualClockOptions = {}) {
    this.time = options.start ?? Date.UTC(2024, 4, 17, 12);
    this.autoAdvance = options.autoAdvance ?? true;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    const due = this.time + Math.max(0, ms);
    if (this.autoAdvance) {
      return Promise.resolve().then(() => {
        if (due > this.time) this.time = due;
      });
    }
    return new Promise((resolve) => this.timers.push({ due, resolve }));
  }

  /** Moves time forward by `ms`, waking due sleepers in time order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.due - b.due);
      const next = this.timers[0];
      if (next === undefined || next.due > target) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.due);
      next.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.time = target;
  }
}
