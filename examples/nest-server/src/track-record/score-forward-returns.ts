/** One stock of one kept run, with its forward return once the horizon has passed. */
export interface RankedReturn {
  date: string;
  rank: number;
  /** 1–10, 10 the highest scores of that run. */
  decile: number;
  /** Undefined while the horizon has not passed on the data. */
  forwardReturn: number | undefined;
}

/** Mean forward return of a group and its excess over the universe on the same dates. */
export interface GroupReturn {
  count: number;
  mean_forward_return: number | null;
  excess_return: number | null;
}

/** How the score ranked: the universe, its top 10 and each decile, over the dates with outcomes. */
export interface ScoreForwardReturns {
  dates: number;
  pending_dates: number;
  universe: GroupReturn;
  top10: GroupReturn;
  deciles: (GroupReturn & { decile: number })[];
}

/**
 * Forward returns of the score's top 10 and deciles against the universe's. A date is
 * pending while none of its stocks has an outcome (its horizon has not passed). The means are
 * over stock-dates; the universe's mean is over the same dates, so the excess compares like with like.
 */
export function scoreForwardReturns(rows: readonly RankedReturn[]): ScoreForwardReturns {
  const known = rows.filter((r) => r.forwardReturn !== undefined);
  const allDates = new Set(rows.map((r) => r.date));
  const knownDates = new Set(known.map((r) => r.date));
  const universe = mean(known);
  const group = (members: readonly RankedReturn[]): GroupReturn => {
    const m = mean(members);
    return {
      count: members.length,
      mean_forward_return: m,
      excess_return: m === null || universe === null ? null : m - universe,
    };
  };
  return {
    dates: knownDates.size,
    pending_dates: allDates.size - knownDates.size,
    universe: {
      count: known.length,
      mean_forward_return: universe,
      excess_return: universe === null ? null : 0,
    },
    top10: group(known.filter((r) => r.rank <= 10)),
    deciles: Array.from({ length: 10 }, (_, i) => ({
      decile: i + 1,
      ...group(known.filter((r) => r.decile === i + 1)),
    })),
  };
}

function mean(rows: readonly RankedReturn[]): number | null {
  if (rows.length === 0) return null;
  let sum = 0;
  for (const r of rows) sum += r.forwardReturn as number;
  return sum / rows.length;
}
