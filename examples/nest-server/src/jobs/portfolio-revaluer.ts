import { Inject, Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../db/database.js';
import { valuePosition } from '../positions/position-math.js';
import { type PositionRow, summarisePositions, toPositionView } from '../positions/position-view.js';
import { type ValuationWrite, writeValuations } from '../positions/valuation-writes.js';
import type { PortfolioUpdate, PositionAlert } from '../realtime/realtime.events.js';
import type { LiveQuote } from './live-quotes.js';

/** What a revaluation changed: each affected user's portfolio, and the alerts that fired. */
export interface PortfolioChanges {
  portfolios: Map<string, Omit<PortfolioUpdate, 'ts'>>;
  alerts: { userId: string; alert: Omit<PositionAlert, 'ts'> }[];
}

/** Users per SELECT statement. */
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
      const updates: ValuationWrite[] = [];
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
      await writeValuations(tx, updates);
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

/** Totals as `GET /api/monitoring/summary` computes them. */
function summarise(rows: PositionRow[], at: string): Omit<PortfolioUpdate, 'ts'> {
  return { ...summarisePositions(rows.map(toPositionView)), at };
}

function placeholders(count: number, from = 1): string {
  return Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');
}
