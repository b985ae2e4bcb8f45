import { z } from 'zod';
import { responseComponent } from './registry.js';

/** `GET /health`. */
export const healthSchema = responseComponent(
  'Health',
  z.strictObject({ status: z.literal('ok'), uptime_seconds: z.number().int() }),
  'The process answers',
);
export type Health = z.infer<typeof healthSchema>;

/** `GET /ready`: 200 `ready` or `degraded` (still serving), 503 `not ready` (no database). */
export const readinessSchema = responseComponent(
  'Readiness',
  z.strictObject({
    status: z.enum(['ready', 'degraded', 'not ready']),
    checks: z.strictObject({
      database: z.enum(['up', 'down']),
      redis: z
        .enum(['up', 'degraded'])
        .describe('Present when Redis is configured; degraded: no answer within the request deadline')
        .optional(),
      schedules: z
        .enum(['in-process', 'registered', 'missing', 'unreachable', 'pending'])
        .describe(
          'Update schedules: in-process (no Redis), registered, missing (registered again), unreachable (Redis), pending (not checked yet)',
        ),
    }),
  }),
  'Database, Redis and update schedules',
);
export type Readiness = z.infer<typeof readinessSchema>;
