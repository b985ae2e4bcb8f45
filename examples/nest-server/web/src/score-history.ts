/** One scoring run of a stock, as `GET /api/stocks/:symbol/history` lists it (the fields the chart reads). */
export interface ScoreRunPoint {
  /** The run's date: `YYYY-MM-DD` or an ISO instant. */
  date: string;
  score: number;
  /** Letter grade; runs stored before grades were kept have none. */
  grade?: string | undefined;
  /** The close the run scored; `null` when the run had none. */
  price: number | null;
  /** Scored afterwards by the replay (`REPLAY_MONTHS`), with only the data known on that date. */
  replayed: boolean;
}

/** A chart point: time in epoch seconds (UTC), as Lightweight Charts takes it. */
export interface TimedValue {
  time: number;
  value: number;
  /** The line's colour from this point on (replayed stretches are drawn apart from live ones). */
  color?: string;
}

/** A grade mark on the score line: the first graded run, then each change of grade. */
export interface GradeMark {
  time: number;
  grade: string;
  replayed: boolean;
}

/** What the score history chart draws. */
export interface ScoreHistorySeries {
  score: TimedValue[];
  price: TimedValue[];
  grades: GradeMark[];
  /** Runs drawn (one per time: of several runs at the same instant the last one). */
  runs: number;
  replayed: number;
}

/** Colours of the score line: live runs, replayed runs. */
export const SCORE_LINE_COLORS = { live: '#2563eb', replayed: '#94a3b8' } as const;

/** Epoch seconds of a `YYYY-MM-DD` date (midnight UTC) or an ISO instant; `NaN` when unreadable. */
export function toChartTime(date: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Date.parse(date);
  return Math.floor(ms / 1000);
}

/**
 * The score, grade marks and price of a stock's runs, in time order. The chart library needs strictly
 * increasing times, so of runs at the same second the last listed one stays; runs with an unreadable
 * date or a non-finite score are left out (the API's schema forbids both; this keeps a bad row from
 * blanking the chart). Prices that are `null` or not positive leave a gap in the price line only.
 */
export function scoreHistorySeries(points: readonly ScoreRunPoint[]): ScoreHistorySeries {
  const byTime = new Map<number, ScoreRunPoint>();
  for (const point of points) {
    const time = toChartTime(point.date);
    if (Number.isFinite(time) && Number.isFinite(point.score)) byTime.set(time, point);
  }
  const ordered = [...byTime].sort((a, b) => a[0] - b[0]);
  const score: TimedValue[] = [];
  const price: TimedValue[] = [];
  const grades: GradeMark[] = [];
  let replayed = 0;
  let previousGrade: string | undefined;
  for (const [time, point] of ordered) {
    score.push({
      time,
      value: point.score,
      color: point.replayed ? SCORE_LINE_COLORS.replayed : SCORE_LINE_COLORS.live,
    });
    if (point.price !== null && Number.isFinite(point.price) && point.price > 0)
      price.push({ time, value: point.price });
    if (point.grade !== undefined && point.grade !== previousGrade)
      grades.push({ time, grade: point.grade, replayed: point.replayed });
    if (point.grade !== undefined) previousGrade = point.grade;
    if (point.replayed) replayed++;
  }
  return { score, price, grades, runs: score.length, replayed };
}
