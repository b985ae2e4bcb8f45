import { z } from 'zod';
import { responseComponent } from './registry.js';

/** A forecast of the ensemble, as the API reports it. */
export const readyPredictionSchema = responseComponent(
  'Prediction',
  z.strictObject({
    status: z.literal('ready'),
    horizon_days: z.number().int(),
    current_price: z.number(),
    predicted_price: z.number(),
    expected_return: z.number(),
    interval: z.strictObject({ lower: z.number(), upper: z.number(), level: z.number() }),
    confidence_level: z.number(),
    contributions: z.record(z.string(), z.number()).describe('Term of each base model and the intercept'),
    model_version: z.string(),
    validation: z.strictObject({
      splits: z.number().int(),
      rows_scored: z.number().int(),
      stacking: z.enum(['nnls', 'ridge', 'equal']),
    }),
  }),
  'A forecast of the ensemble',
);

/** No forecast for the symbol (yet): why, when known. */
export const pendingPredictionSchema = responseComponent(
  'PredictionStatus',
  z.strictObject({
    status: z.enum(['off', 'training', 'ready', 'failed']),
    reason: z.string().optional(),
  }),
  'No forecast for the symbol (yet), and why when known',
);

/** `prediction` of the top 10 and the stock detail. */
export const predictionViewSchema = z.union([readyPredictionSchema, pendingPredictionSchema]);
export type PredictionView = z.infer<typeof predictionViewSchema>;
