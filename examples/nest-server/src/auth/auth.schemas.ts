import type { z } from 'zod';
import { type LoginCredentials, registrationBodySchema } from '../contract/auth.js';
import { passwordWeakness } from '../security/password-strength.js';

export { type LoginCredentials, loginSchema } from '../contract/auth.js';

/**
 * `POST /api/auth/register` body: the contract's shape plus the password policy (10–128
 * characters, and strong enough for the zxcvbn-ts estimator, the e-mail counting as a known word),
 * which applies here only.
 */
export const registrationSchema = registrationBodySchema.superRefine((body, context) => {
  // A password already refused for its length gets no second reason.
  if (body.password.length < 10 || body.password.length > 128) return;
  const weakness = passwordWeakness(body.password, [body.email, ...body.email.split(/[@.+_-]/)]);
  if (weakness) context.addIssue({ code: 'custom', path: ['password'], message: weakness });
});
export type Registration = z.infer<typeof registrationSchema>;

/** Either body (the service needs only e-mail and password). */
export type Credentials = Registration | LoginCredentials;
