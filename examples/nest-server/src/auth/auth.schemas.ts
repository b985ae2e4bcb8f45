import { z } from 'zod';

/** `POST /api/auth/register` and `/login` body. */
export const credentialsSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email('must be a valid e-mail address').max(254)),
    password: z.string().min(10, 'must be at least 10 characters').max(128, 'must be at most 128 characters'),
  })
  .strict();
export type Credentials = z.infer<typeof credentialsSchema>;
