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

/** The stages of the ensemble's fit, in order (`EnsembleStage` of `@da-ki/ml`). */
export const TRAINING_STAGES = ['dataset', 'training', 'custom models', 'evaluation', 'final fit'] as const;

/** How far the forecast ensemble's training is, from its latest progress event. */
export const trainingProgressSchema = responseComponent(
  'TrainingProgress',
  z.strictObject({
    stage: z.enum(TRAINING_STAGES).describe('The stage of the fit; `training` is nearly all of it'),
    done: z.number().int().describe('Units of the stage done (training: models trained)'),
    total: z.number().int().describe('Units of the stage'),
    percent: z.number().describe('done / total of the stage, 0–100, one decimal'),
    eta_seconds: z
      .number()
      .nullable()
      .describe('Estimated seconds left in the stage; null before its first unit is done'),
  }),
  "How far the forecast ensemble's training is",
);
export type TrainingProgress = z.infer<typeof trainingProgressSchema>;

/** No forecast for the symbol (yet): why, when known. */
export const pendingPredictionSchema = responseComponent(
  'PredictionStatus',
  z.strictObject({
    status: z.enum(['off', 'training', 'ready', 'failed']),
    reason: z.string().optional(),
    // While status is training and the fit has reported (absent while a stored model loads).
    progress: trainingProgressSchema.optional(),
  }),
  'No forecast for the symbol (yet), and why when known',
);

/** `prediction` of the top 10 and the stock detail. */
export const predictionViewSchema = z.union([readyPredictionSchema, pendingPredictionSchema]);
export type PredictionView = z.infer<typeof predictionViewSchema>;
