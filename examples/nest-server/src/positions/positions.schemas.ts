import { Decimal } from 'decimal.js';
import { z } from 'zod';

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
export const addPositionSchema = z
  .object({
    symbol: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9.\-^=]{1,20}$/, 'must be a ticker symbol (1–20 letters, digits, ".", "-")'),
    shares: positive('shares', 6).max(1e9, 'shares must be at most 1e9'),
    investment: positive('investment', 2).max(1e12, 'investment must be at most 1e12'),
    stop_loss: positive('stop_loss', 4).max(1e12, 'stop_loss must be at most 1e12').optional(),
    take_profit: positive('take_profit', 4).max(1e12, 'take_profit must be at most 1e12').optional(),
  })
  .strict()
  .refine((b) => b.stop_loss === undefined || b.take_profit === undefined || b.stop_loss < b.take_profit, {
    message: 'stop_loss must be below take_profit',
    path: ['stop_loss'],
  });
export type AddPosition = z.infer<typeof addPositionSchema>;

/** `PATCH /api/live-monitoring/:position_id` body: any of these; `null` clears a limit. */
export const updatePositionSchema = z
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
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field to change is required' });
export type UpdatePosition = z.infer<typeof updatePositionSchema>;

/** A position id in the path. */
export const positionIdSchema = z.uuid('position_id must be a UUID');
