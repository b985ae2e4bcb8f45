import { Inject, Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { DATABASE } from '../common/tokens.js';
import type { Database, Queryable } from '../db/database.js';
import { money, valuePosition } from '../positions/position-math.js';
import type { PortfolioPosition, PortfolioUpdate, PositionAlert } from '../realtime/realtime.events.js';
import type { LiveQuote } from './live-quotes.js';

interface PositionRow {
  id: string;
  user_id: string;
  symbol: string;
  shares: string;
  invested_amount: string;
  entry_price: string;
  current_price: string;
  current_value: string;
  profit_loss: string;
  profit_loss_percent: string;
  stop_loss: string | null;
  take_profit: string | null;
  alert_triggered: boolean;
  status: string;
  created_at: Date | string;
  updated_at: Date | string;
}

/** What a revaluation changed: each affected user's portfolio, and the alerts that fired. */
export interface PortfolioChanges {
  portfolios: Map<string, Omit<PortfolioUpdate, 'ts'>>;
  alerts: { userId: string; alert: Omit<PositionAlert, 'ts'> }[];
}

/** Rows per UPDATE statement: 6 parameters each, far below PostgreSQL's 65 535. */
const CHUNK = 1_000;

/**
 * Revalues the active positions in the quoted symbols (decimal arithmetic, as the REST API) and
 * persists value, P/L and `alert_triggered` in one transaction. An alert fires when a position's
 * flag goes from false to true: the rows are locked (`FOR UPDATE`) while read and written, so two
 * jobs on the same symbol cannot both see the flag unset, and the flag persisted in the database
 * is what makes it "once per crossing" across restarts and workers. When the price returns inside
 * the limits the flag is cleared, and the next crossing fires again.
 */
@Injectable()
export class PortfolioRevaluer {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async revalue(quotes: readonly LiveQuote[]): Promise<PortfolioChanges> {
    const changes: PortfolioChanges = { portfolios: new Map(), alerts: [] };
    if (quotes.length === 0) return changes;
    const bySymbol = new Map(quotes.map((q) => [q.symbol, q]));
    const symbols = [...bySymbol.keys()];
    return this.database.transaction(async (tx) => {
      const rows = (
        await tx.query<PositionRow>(
          `SELECT * FROM positions WHERE status = 'active' AND symbol IN (${placeholders(symbols.length)}) ORDER BY id FOR UPDATE`,
          symbols,
        )
      ).rows;
      if (rows.length === 0) return changes;
      const at = new Date().toISOString();
      const updates: unknown[][] = [];
      for (const row of rows) {
        const quote = bySymbol.get(row.symbol) as LiveQuote;
        const valuation = valuePosition({
          shares: row.shares,
          investedAmount: row.invested_amount,
          price: quote.price,
          stopLoss: row.stop_loss,
          takeProfit: row.take_profit,
        });
        if (valuation.alert && !row.alert_triggered) {
          const limit = valuation.alert === 'stop_loss' ? row.stop_loss : row.take_profit;
          changes.alerts.push({
            userId: row.user_id,
            alert: {
              position_id: row.id,
              symbol: row.symbol,
              kind: valuation.alert,
              price: quote.price,
              limit: Number(limit),
              at,
            },
          });
        }
        updates.push([
          row.id,
          new Decimal(quote.price).toFixed(4),
          valuation.currentValue.toFixed(2),
          valuation.profitLoss.toFixed(2),
          valuation.profitLossPercent.toFixed(4),
          valuation.alertTriggered,
        ]);
      }
      for (let offset = 0; offset < updates.length; offset += CHUNK)
        await writeValuations(tx, updates.slice(offset, offset + CHUNK));
      const users = [...new Set(rows.map((row) => row.user_id))];
      for (let offset = 0; offset < users.length; offset += CHUNK) {
        const chunk = users.slice(offset, offset + CHUNK);
        const positions = (
          await tx.query<PositionRow>(
            `SELECT * FROM positions WHERE status = 'active' AND user_id IN (${placeholders(chunk.length)}) ORDER BY created_at DESC`,
            chunk,
          )
        ).rows;
        for (const userId of chunk) {
          changes.portfolios.set(
            userId,
            summarise(
              positions.filter((p) => p.user_id === userId),
              at,
            ),
          );
        }
      }
      return changes;
    });
  }
}

async function writeValuations(tx: Queryable, rows: unknown[][]): Promise<void> {
  const tuples = rows.map((_, k) => {
    const p = (c: number) => `$${k * 6 + c}`;
    return `(${p(1)}::uuid, ${p(2)}::numeric, ${p(3)}::numeric, ${p(4)}::numeric, ${p(5)}::numeric, ${p(6)}::boolean)`;
  });
  await tx.query(
    `UPDATE positions AS p SET current_price = v.price, current_value = v.value, profit_loss = v.pl,
       profit_loss_percent = v.plp, alert_triggered = v.alert, updated_at = now()
     FROM (VALUES ${tuples.join(', ')}) AS v (id, price, value, pl, plp, alert)
     WHERE p.id = v.id`,
    rows.flat(),
  );
}

/** Totals as `GET /api/monitoring/summary` computes them. */
function summarise(rows: PositionRow[], at: string): Omit<PortfolioUpdate, 'ts'> {
  let value = new Decimal(0);
  let invested = new Decimal(0);
  const positions = rows.map(toPosition);
  for (const p of positions) {
    value = value.plus(p.current_value);
    invested = invested.plus(p.investment);
  }
  const profitLoss = value.minus(invested);
  return {
    total_positions: positions.length,
    total_invested: money(invested),
    total_value: money(value),
    profit_loss: money(profitLoss),
    profit_loss_percent: invested.isZero()
      ? 0
      : profitLoss.div(invested).times(100).toDecimalPlaces(2).toNumber(),
    positions,
    at,
  };
}

// The REST view of a position (PositionsService's `toView`), so both channels show the same fields.
function toPosition(row: PositionRow): PortfolioPosition {
  return {
    position_id: row.id,
    symbol: row.symbol,
    shares: Number(row.shares),
    investment: money(row.invested_amount),
    entry_price: Number(row.entry_price),
    current_price: Number(row.current_price),
    current_value: money(row.current_value),
    profit_loss: money(row.profit_loss),
    profit_loss_percent: Number(row.profit_loss_percent),
    stop_loss: row.stop_loss === null ? null : Number(row.stop_loss),
    take_profit: row.take_profit === null ? null : Number(row.take_profit),
    alert_triggered: row.alert_triggered,
    status: row.status,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

function placeholders(count: number, from = 1): string {
  return Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');
}
