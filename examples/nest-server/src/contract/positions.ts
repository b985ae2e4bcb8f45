import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { instantSchema, tickerSchema } from './common.js';
import { requestComponent, responseComponent } from './registry.js';

/** A monitored position: the same fields over REST and in the WebSocket's `portfolio:update`. */
export const positionViewSchema = responseComponent(
  'Position',
  z.strictObject({
    position_id: z.uuid(),
    symbol: z.string(),
    shares: z.number(),
    investment: z.number(),
    entry_price: z.number(),
    current_price: z.number(),
    current_value: z.number(),
    profit_loss: z.number(),
    profit_loss_percent: z.number(),
    stop_loss: z.number().nullable(),
    take_profit: z.number().nullable(),
    alert_triggered: z.boolean(),
    status: z.enum(['active', 'closed', 'stopped']),
    created_at: instantSchema,
    updated_at: instantSchema,
  }),
  'A monitored position at the latest price',
);
export type PositionView = z.infer<typeof positionViewSchema>;

/** `GET /api/live-monitoring`. */
export const positionListSchema = responseComponent(
  'PositionList',
  z.strictObject({ positions: z.array(positionViewSchema) }),
  "The user's positions at the latest prices",
);
export type PositionList = z.infer<typeof positionListSchema>;

/** `GET /api/monitoring/summary` (and the totals of `portfolio:update`). */
export const portfolioSummarySchema = responseComponent(
  'PortfolioSummary',
  z.strictObject({
    total_positions: z.number().int(),
    total_invested: z.number(),
    total_value: z.number(),
    profit_loss: z.number(),
    profit_loss_percent: z.number(),
    positions: z.array(positionViewSchema),
  }),
  'Totals over the active positions',
);
export type PortfolioSummary = z.infer<typeof portfolioSummarySchema>;

/**
 * A positive number with at most `places` decimals, the scale of its NUMERIC column: a finer value
 * would be rounded on write, so the figures answered at once would differ from the stored ones (and
 * 0.0000001 shares would round to 0 and fail the column's CHECK with a 500).
 */
const positive = (what: string, places: number) =>
  z
    .number({ error: `${what} must be a number` })
    .finite()
    .positive(`${what} must be greater than 0`)
    .refine(
      (value) => new Decimal(value).decimalPlaces() <= places,
      `${what} must have at most ${places} decimal places`,
    );

/** `POST /api/live-monitoring/add` body. */
export const addPositionSchema = requestComponent(
  'AddPositionBody',
  z
    .object({
      symbol: tickerSchema,
      shares: positive('shares', 6).max(1e9, 'shares must be at most 1e9'),
      investment: positive('investment', 2).max(1e12, 'investment must be at most 1e12'),
      stop_loss: positive('stop_loss', 4).max(1e12, 'stop_loss must be at most 1e12').optional(),
      take_profit: positive('take_profit', 4).max(1e12, 'take_profit must be at most 1e12').optional(),
    })
    .strict()
    .refine((b) => b.stop_loss === undefined || b.take_profit === undefined || b.stop_loss < b.take_profit, {
      message: 'stop_loss must be below take_profit',
      path: ['stop_loss'],
    }),
  'A position to add at the current price; stop_loss must be below take_profit',
);
export type AddPosition = z.infer<typeof addPositionSchema>;
/** The add body as a client writes it. */
export type AddPositionBody = z.input<typeof addPositionSchema>;

/** `PATCH /api/live-monitoring/:position_id` body: any of these; `null` clears a limit. */
export const updatePositionSchema = requestComponent(
  'UpdatePositionBody',
  z
    .object({
      shares: positive('shares', 6).max(1e9, 'shares must be at most 1e9').optional(),
      investment: positive('investment', 2).max(1e12, 'investment must be at most 1e12').optional(),
      stop_loss: positive('stop_loss', 4).max(1e12, 'stop_loss must be at most 1e12').nullable().optional(),
      take_profit: positive('take_profit', 4)
        .max(1e12, 'take_profit must be at most 1e12')
        .nullable()
        .optional(),
      status: z.enum(['active', 'closed']).optional(),
    })
    .strict()
    .refine((b) => Object.keys(b).length > 0, { message: 'at least one field to change is required' }),
  'Any of these fields; null clears a limit',
);
export type UpdatePosition = z.infer<typeof updatePositionSchema>;
/** The change body as a client writes it. */
export type UpdatePositionBody = z.input<typeof updatePositionSchema>;

/** A position id in the path. */
export const positionIdSchema = z.uuid('position_id must be a UUID');
