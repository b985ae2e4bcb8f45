import { z } from 'zod';
import { instantSchema } from './common.js';
import { requestComponent, responseComponent } from './registry.js';

const email = z.string().trim().toLowerCase().pipe(z.email('must be a valid e-mail address').max(254));

/**
 * `POST /api/auth/register` body as the wire carries it. The server adds its password-strength
 * policy on top (src/auth/auth.schemas.ts): that needs an estimator, not a shape.
 */
export const registrationBodySchema = requestComponent(
  'RegistrationBody',
  z
    .object({
      email,
      password: z
        .string()
        .min(10, 'must be at least 10 characters')
        .max(128, 'must be at most 128 characters')
        .describe('Must also be hard to guess (zxcvbn-ts score 3 of 4 or more)'),
    })
    .strict(),
  'A new account',
);
export type Registration = z.infer<typeof registrationBodySchema>;

/**
 * `POST /api/auth/login` body. Any password string is an attempt: a password the registration
 * policy would refuse is simply wrong (401), so the login neither answers 400 for it nor reveals
 * the policy. The length is bounded only by the body limit.
 */
export const loginSchema = requestComponent(
  'LoginBody',
  z.object({ email, password: z.string() }).strict(),
  'E-mail and password',
);
export type LoginCredentials = z.infer<typeof loginSchema>;

/** `POST /api/auth/login`. */
export const tokenResponseSchema = responseComponent(
  'TokenResponse',
  z.strictObject({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().describe('Seconds the token is valid'),
  }),
  'A bearer token',
);
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** The signed-in user (`POST /api/auth/register`, `GET /api/auth/me`). */
export const userProfileSchema = responseComponent(
  'UserProfile',
  z.strictObject({
    id: z.uuid(),
    email: z.string(),
    scopes: z.array(z.string()),
    created_at: instantSchema,
  }),
  'An account',
);
export type UserProfile = z.infer<typeof userProfileSchema>;

/** A NUMERIC column as stored: a decimal string, exact. */
const numeric = z.string().regex(/^-?\d+(\.\d+)?$/);

/** `GET /api/auth/me/export`: everything stored about the user, as stored (GDPR Art. 15 and 20). */
export const accountExportSchema = responseComponent(
  'AccountExport',
  z.strictObject({
    exported_at: instantSchema,
    user: userProfileSchema,
    positions: z.array(
      z.strictObject({
        id: z.uuid(),
        user_id: z.uuid(),
        symbol: z.string(),
        shares: numeric,
        invested_amount: numeric,
        entry_price: numeric,
        current_price: numeric,
        current_value: numeric,
        profit_loss: numeric,
        profit_loss_percent: numeric,
        stop_loss: numeric.nullable(),
        take_profit: numeric.nullable(),
        alert_triggered: z.boolean(),
        status: z.enum(['active', 'closed', 'stopped']),
        created_at: instantSchema,
        updated_at: instantSchema,
      }),
    ),
    audit_log: z.array(
      z.strictObject({
        action: z.string(),
        resource: z.string(),
        resource_id: z.string().nullable(),
        outcome: z.string(),
        created_at: instantSchema,
      }),
    ),
    /** The user's API requests (user_activity), oldest first, within METRICS_RETENTION_DAYS. */
    activity: z.array(
      z.strictObject({
        time: instantSchema,
        action: z.string(),
        requests: z.number().int().describe('Requests of this action and outcome within about a second'),
        duration_ms: z.number().describe('Their mean duration'),
        duration_max_ms: z.number(),
        success: z.boolean(),
        error_code: z.string().nullable(),
      }),
    ),
  }),
  'Everything stored about the signed-in user',
);
export type AccountExport = z.infer<typeof accountExportSchema>;
