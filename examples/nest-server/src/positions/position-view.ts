import { Decimal } from 'decimal.js';
import type { PortfolioSummary, PositionView } from '../contract/positions.js';
import { money } from './position-math.js';

export type { PositionView } from '../contract/positions.js';

/** A `positions` row as the database returns it (NUMERIC as strings). */
export interface PositionRow {
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
  /** The column's CHECK allows exactly these. */
  status: PositionView['status'];
  created_at: Date | string;
  updated_at: Date | string;
}

/** The API view of a position: the same fields over REST and over the WebSocket. */
export function toPositionView(row: PositionRow): PositionView {
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

/** Totals over positions, as `GET /api/monitoring/summary` and `portfolio:update` report them. */
export function summarisePositions(positions: PositionView[]): PortfolioSummary {
  let value = new Decimal(0);
  let invested = new Decimal(0);
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
  };
}
