import { z } from 'zod';
import { passwordWeakness } from '../security/password-strength.js';

const email = z.string().trim().toLowerCase().pipe(z.email('must be a valid e-mail address').max(254));

/**
 * `POST /api/auth/register` body: the password policy (10–128 characters, and strong enough for
 * the zxcvbn-ts estimator, the e-mail counting as a known word) applies here only.
 */
export const registrationSchema = z
  .object({
    email,
    password: z.string().min(10, 'must be at least 10 characters').max(128, 'must be at most 128 characters'),
  })
  .strict()
  .superRefine((body, context) => {
    // A password already refused for its length gets no second reason.
    if (body.password.length < 10 || body.password.length > 128) return;
    const weakness = passwordWeakness(body.password, [body.email, ...body.email.split(/[@.+_-]/)]);
    if (weakness) context.addIssue({ code: 'custom', path: ['password'], message: weakness });
  });
export type Registration = z.infer<typeof registrationSchema>;

/**
 * `POST /api/auth/login` body. Any password string is an attempt: a password the registration
 * policy would refuse is simply wrong (401), so the login neither answers 400 for it nor reveals
 * the policy. The length is bounded only by the body limit.
 */
export const loginSchema = z
  .object({
    email,
    password: z.string(),
  })
  .strict();
export type LoginCredentials = z.infer<typeof loginSchema>;

/** Either body (the service needs only e-mail and password). */
export type Credentials = Registration | LoginCredentials;
