import type { Queryable } from '../db/database.js';
import type { PositionRow } from './position-view.js';

/**
 * One revaluation of a position: `[id, price, value, profit_loss, profit_loss_percent, alert]`, the
 * numbers as decimal strings (price to 4 places, money to 2, percent to 4).
 */
export type ValuationWrite = [
  id: string,
  price: string,
  value: string,
  profitLoss: string,
  profitLossPercent: string,
  alertTriggered: boolean,
];

/** Rows per UPDATE statement: 6 parameters each, far below PostgreSQL's 65 535. */
const CHUNK = 1_000;

/**
 * Writes revaluations with one UPDATE per {@link CHUNK} positions (not one per position), and
 * returns the updated rows when `returning` is set. Only SQL: the prices are computed before.
 */
export async function writeValuations(
  db: Queryable,
  writes: readonly ValuationWrite[],
  returning = false,
): Promise<PositionRow[]> {
  const updated: PositionRow[] = [];
  for (let offset = 0; offset < writes.length; offset += CHUNK) {
    const chunk = writes.slice(offset, offset + CHUNK);
    const tuples = chunk.map((_, k) => {
      const p = (c: number) => `$${k * 6 + c}`;
      return `(${p(1)}::uuid, ${p(2)}::numeric, ${p(3)}::numeric, ${p(4)}::numeric, ${p(5)}::numeric, ${p(6)}::boolean)`;
    });
    // The rows are locked in id order before they are written (as the portfolio revaluer locks
    // them): two writers that lock in different orders would deadlock.
    const result = await db.query<PositionRow>(
      `WITH v (id, price, value, pl, plp, alert) AS (VALUES ${tuples.join(', ')}),
         locked AS (SELECT p.id FROM positions p JOIN v ON p.id = v.id ORDER BY p.id FOR UPDATE OF p)
       UPDATE positions AS p SET current_price = v.price, current_value = v.value, profit_loss = v.pl,
         profit_loss_percent = v.plp, alert_triggered = v.alert, updated_at = now()
       FROM v JOIN locked ON locked.id = v.id
       WHERE p.id = v.id${returning ? ' RETURNING p.*' : ''}`,
      chunk.flat(),
    );
    if (returning) updated.push(...result.rows);
  }
  return updated;
}
