const DAY_MS = 86_400_000;

/** A Fourier seasonality: `order` sine/cosine pairs of `periodDays`. */
export interface SeasonalityTerm {
  name: 'yearly' | 'weekly';
  periodDays: number;
  order: number;
}

/** An event (holiday, earnings day …) as regressors: one per day offset in its window. */
export interface EventTerm {
  name: string;
  /** Days of the event, epoch ms at 00:00 UTC. */
  days: readonly number[];
  /** Days before (≤ 0) and after (≥ 0) each event day that get their own effect. */
  lowerWindow: number;
  upperWindow: number;
}

/** How the columns of the design are laid out. */
export interface DesignLayout {
  /** Changepoints in scaled time (0 = first training timestamp, 1 = last). */
  changepoints: Float64Array;
  seasonalities: readonly SeasonalityTerm[];
  events: readonly EventTerm[];
  /** Training time span: scaled time = (t − start) / span. */
  start: number;
  span: number;
}

/** Index ranges of each block of the seasonal/event coefficient vector β. */
export function betaBlocks(layout: DesignLayout): { name: string; from: number; to: number }[] {
  const blocks: { name: string; from: number; to: number }[] = [];
  let at = 0;
  for (const s of layout.seasonalities) {
    blocks.push({ name: s.name, from: at, to: at + 2 * s.order });
    at += 2 * s.order;
  }
  for (const e of layout.events) {
    const width = e.upperWindow - e.lowerWindow + 1;
    blocks.push({ name: `event:${e.name}`, from: at, to: at + width });
    at += width;
  }
  return blocks;
}

/** Number of seasonal and event columns. */
export function betaWidth(layout: DesignLayout): number {
  const blocks = betaBlocks(layout);
  return blocks.length === 0 ? 0 : (blocks[blocks.length - 1] as { to: number }).to;
}

/** Scaled time of a timestamp. */
export function scaledTime(layout: DesignLayout, t: number): number {
  return (t - layout.start) / layout.span;
}

/**
 * The seasonal and event features of timestamps, row-major (`rows × betaWidth`): for each
 * seasonality sin(2πnt/P), cos(2πnt/P) for n = 1…order with t in days since the epoch (so the
 * phase does not depend on the training window), then a 0/1 column per event day offset.
 */
export function seasonalFeatures(layout: DesignLayout, timestamps: ArrayLike<number>): Float64Array {
  const width = betaWidth(layout);
  const out = new Float64Array(timestamps.length * width);
  const eventDays = layout.events.map((e) => new Set(e.days.map((d) => Math.floor(d / DAY_MS))));
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i] as number;
    const days = t / DAY_MS;
    let col = i * width;
    for (const s of layout.seasonalities) {
      for (let n = 1; n <= s.order; n++) {
        const angle = (2 * Math.PI * n * days) / s.periodDays;
        out[col++] = Math.sin(angle);
        out[col++] = Math.cos(angle);
      }
    }
    const day = Math.floor(days);
    layout.events.forEach((e, k) => {
      const set = eventDays[k] as Set<number>;
      // column for offset o is 1 when day − o is an event day
      for (let o = e.lowerWindow; o <= e.upperWindow; o++) out[col++] = set.has(day - o) ? 1 : 0;
    });
  }
  return out;
}

/**
 * Piecewise-linear trend at scaled time `s`: k·s + m + Σ_j δ_j (s − c_j)₊ — the rate k changes by
 * δ_j at changepoint c_j, the offset moving so the line stays continuous (Taylor & Letham, eq. 3).
 */
export function trendAt(
  s: number,
  k: number,
  m: number,
  delta: ArrayLike<number>,
  changepoints: Float64Array,
): number {
  let value = k * s + m;
  for (let j = 0; j < changepoints.length; j++) {
    const c = changepoints[j] as number;
    if (s > c) value += (delta[j] as number) * (s - c);
  }
  return value;
}
