import { z } from 'zod';
import type { FactorScores, Grade, Level, PortfolioSummary, PositionView } from '../contract/index.js';

/** Server → client events of the default namespace. */
export const REALTIME_EVENTS = {
  price: 'price:update',
  score: 'score:update',
  top10: 'top10:update',
  portfolio: 'portfolio:update',
  alert: 'alert',
} as const;

/** Room of a symbol's market events (price and score). */
export const symbolRoom = (symbol: string): string => `symbol:${symbol}`;
/** Room of the top-10 ranking. */
export const TOP10_ROOM = 'top10';
/** Room of one user's portfolio and alerts; joined only by sockets whose token proved that user. */
export const userRoom = (userId: string): string => `user:${userId}`;

/** `price:update`: a new price of a symbol. */
export interface PriceUpdate {
  symbol: string;
  price: number;
  /** Last daily close, and the change against it. */
  previous_close: number;
  change: number;
  change_percent: number;
  /** Tick of the (simulated, for the synthetic provider) market clock this price belongs to. */
  tick: number;
  /** ISO time the price was computed. */
  at: string;
  /** Epoch ms (with microseconds) the update was broadcast: lets clients measure delivery latency. */
  ts: number;
}

/** `score:update`: a symbol's result of the latest scoring run. */
export interface ScoreUpdate {
  symbol: string;
  run_id: string;
  score: number;
  rank: number;
  grade?: Grade;
  factors: FactorScores;
  risk_level: Level;
  confidence_level: Level;
  generated_at: string;
  ts: number;
}

/** `alert`: a position's price crossed its stop-loss or take-profit (once per crossing). */
export interface PositionAlert {
  position_id: string;
  symbol: string;
  kind: 'stop_loss' | 'take_profit';
  price: number;
  /** The limit that was crossed. */
  limit: number;
  at: string;
  ts: number;
}

/** A position inside `portfolio:update`: the same fields as `GET /api/live-monitoring`. */
export type PortfolioPosition = PositionView;

/** `portfolio:update`: the user's active positions revalued, as `GET /api/monitoring/summary`. */
export interface PortfolioUpdate extends PortfolioSummary {
  at: string;
  ts: number;
}

const symbol = z
  .string({ error: 'must be a string' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9.\-^=]{1,20}$/, 'must be a ticker symbol (1–20 letters, digits, ".", "-")');

/** Most symbol rooms one socket may be in: bounds the fan-out work a single client can cause. */
export const MAX_SYMBOLS_PER_SOCKET = 200;

/** Body of `subscribe` and `unsubscribe`. */
export const subscriptionSchema = z
  .object({
    symbols: z
      .array(symbol)
      .max(MAX_SYMBOLS_PER_SOCKET, `at most ${MAX_SYMBOLS_PER_SOCKET} symbols`)
      .optional(),
    top10: z.boolean({ error: 'must be a boolean' }).optional(),
    portfolio: z.boolean({ error: 'must be a boolean' }).optional(),
  })
  .strict();
export type Subscription = z.infer<typeof subscriptionSchema>;

/** Acknowledgement of `subscribe` / `unsubscribe`. */
export type SubscriptionAck =
  | { ok: true; subscriptions: { symbols: string[]; top10: boolean; portfolio: boolean } }
  | { ok: false; error: string; issues: { field: string; reason: string }[] };
