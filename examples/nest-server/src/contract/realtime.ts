import { z } from 'zod';
import {
  dataSourceViewSchema,
  dateSchema,
  factorScoresSchema,
  gradeSchema,
  instantSchema,
  levelSchema,
} from './common.js';
import { stockSummarySchema } from './market.js';
import { portfolioSummarySchema } from './positions.js';

// The Socket.IO side of the wire: server → client event payloads, and the subscription messages.

/** Epoch ms (with microseconds) an update was broadcast: lets clients measure delivery latency. */
const broadcastAt = z.number();

/** `price:update`: a new price of a symbol. */
export const priceUpdateSchema = z.strictObject({
  symbol: z.string(),
  price: z.number(),
  /** Last daily close, and the change against it. */
  previous_close: z.number(),
  change: z.number(),
  change_percent: z.number(),
  /** Tick of the (simulated, for the synthetic provider) market clock this price belongs to. */
  tick: z.number().int(),
  /** ISO time the price was computed. */
  at: instantSchema,
  ts: broadcastAt,
});
export type PriceUpdate = z.infer<typeof priceUpdateSchema>;

/** `score:update`: a symbol's result of the latest scoring run. */
export const scoreUpdateSchema = z.strictObject({
  symbol: z.string(),
  run_id: z.string(),
  score: z.number(),
  rank: z.number().int(),
  grade: gradeSchema.optional(),
  factors: factorScoresSchema,
  risk_level: levelSchema,
  confidence_level: levelSchema,
  generated_at: instantSchema,
  ts: broadcastAt,
});
export type ScoreUpdate = z.infer<typeof scoreUpdateSchema>;

/** `top10:update`: the ten best of a finished scoring run, summarised as the REST top 10 (forecasts as known then). */
export const top10UpdateSchema = z.strictObject({
  run_id: z.string(),
  generated_at: instantSchema,
  as_of: dateSchema,
  data_source: dataSourceViewSchema,
  top_10_wachstums_aktien: z.array(stockSummarySchema),
  ts: broadcastAt,
});
export type Top10Update = z.infer<typeof top10UpdateSchema>;

/** `portfolio:update`: the user's active positions revalued, as `GET /api/monitoring/summary`. */
export const portfolioUpdateSchema = portfolioSummarySchema.extend({ at: instantSchema, ts: broadcastAt });
export type PortfolioUpdate = z.infer<typeof portfolioUpdateSchema>;

/** `alert`: a position's price crossed its stop-loss or take-profit (once per crossing). */
export const positionAlertSchema = z.strictObject({
  position_id: z.uuid(),
  symbol: z.string(),
  kind: z.enum(['stop_loss', 'take_profit']),
  price: z.number(),
  /** The limit that was crossed. */
  limit: z.number(),
  at: instantSchema,
  ts: broadcastAt,
});
export type PositionAlert = z.infer<typeof positionAlertSchema>;

/** Payload of each server → client event, by event name. */
export const REALTIME_EVENT_SCHEMAS = {
  'price:update': priceUpdateSchema,
  'score:update': scoreUpdateSchema,
  'top10:update': top10UpdateSchema,
  'portfolio:update': portfolioUpdateSchema,
  alert: positionAlertSchema,
} as const;

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
export const subscriptionAckSchema = z.union([
  z.strictObject({
    ok: z.literal(true),
    subscriptions: z.strictObject({
      symbols: z.array(z.string()),
      top10: z.boolean(),
      portfolio: z.boolean(),
    }),
  }),
  z.strictObject({
    ok: z.literal(false),
    error: z.string(),
    issues: z.array(z.strictObject({ field: z.string(), reason: z.string() })),
  }),
]);
export type SubscriptionAck = z.infer<typeof subscriptionAckSchema>;
