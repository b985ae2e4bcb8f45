import type { JwtService } from '@nestjs/jwt';
import type { Queryable } from '../db/database.js';
import type { Scope } from './auth-user.js';

/** Users are keyed by uuid (`users.id`). */
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The compact JWT form (three base64url parts). */
export const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** What a valid access token proves (its user may since have been erased: see {@link userExists}). */
export interface AccessClaims {
  sub: string;
  scopes: Scope[];
  /** Issued at, seconds since the epoch (0 when the token has no `iat`). */
  iat: number;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/**
 * Checks a bearer token's signature (HS256 only, so `alg: none` or another HMAC fails), its expiry,
 * and its shape: a token must carry a numeric `exp` (a token without one, even signed with the
 * real secret, would be valid forever) and a uuid subject (anything else would make the user
 * lookup fail with a 500 instead of a 401). Answers `undefined` for every bad token, never throws.
 */
export function verifyAccessToken(jwt: JwtService, token: string): AccessClaims | undefined {
  if (!JWT_SHAPE.test(token)) return undefined;
  let payload: Record<string, unknown>;
  try {
    payload = jwt.verify<Record<string, unknown>>(token, { algorithms: ['HS256'] });
  } catch {
    return undefined;
  }
  const { sub, exp, iat, scopes } = payload;
  if (typeof sub !== 'string' || !USER_ID.test(sub)) return undefined;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
  return {
    sub: sub.toLowerCase(),
    exp,
    iat: typeof iat === 'number' && Number.isFinite(iat) ? iat : 0,
    scopes: Array.isArray(scopes) ? scopes.filter((s): s is Scope => s === 'read' || s === 'write') : [],
  };
}

/** Whether the user of a token still exists (an erased user's tokens prove nothing). */
export async function userExists(database: Queryable, userId: string): Promise<boolean> {
  return (await database.query('SELECT 1 FROM users WHERE id = $1', [userId])).rowCount > 0;
}

/** The token of an `Authorization: Bearer <jwt>` header, if the header has that form. */
export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header);
  return match?.[1];
}
