import { createHash } from 'node:crypto';
import type { JwtService } from '@nestjs/jwt';
import { normalizeIp } from '@nestjs/throttler';
import { bearerToken, userExists, verifyAccessToken } from '../auth/access-token.js';
import type { Queryable } from '../db/database.js';

/** The parts of a Fastify request the tracker reads (@nestjs/throttler types requests as `Record<string, any>`). */
interface RequestLike {
  headers?: { authorization?: unknown };
  /** The client address; behind `TRUST_PROXY`, Fastify's reading of X-Forwarded-For from a trusted proxy only. */
  ip?: string;
  url?: string;
  routeOptions?: { url?: string };
}

/** Routes always counted against the client address, whatever token they carry: logins, registrations, the account itself. */
export const ADDRESS_LIMITED_PREFIX = '/api/auth/';

/** The budget of a client address (IPv6 grouped by /64, as @nestjs/throttler does, so one host cannot rotate addresses). */
export function addressTracker(ip: unknown): string {
  return `ip:${normalizeIp(String(ip))}`;
}

/**
 * Who a request counts against:
 * - `/api/auth/*` (login, registration, the account): always the client address, so no token —
 *   however many accounts an attacker registers, and whether or not their users still exist — buys
 *   more login attempts from an address;
 * - other routes with a valid token (HS256, with `exp`) of a user that exists (checked in the
 *   database, as the auth guard does): that user, so users behind one NAT do not share a budget;
 * - everything else — no token, a bad one, or the token of an unknown or erased user: the address.
 * A database failure during the check counts the request against the address (never a fresh budget).
 */
export function clientTracker(
  jwt: JwtService,
  database: Queryable,
): (req: Record<string, unknown>) => Promise<string> {
  return async (req) => {
    const request = req as RequestLike;
    const address = addressTracker(request.ip);
    const path = request.routeOptions?.url ?? request.url ?? '';
    if (path.startsWith(ADDRESS_LIMITED_PREFIX)) return address;
    const token = bearerToken(request.headers?.authorization);
    const claims = token ? verifyAccessToken(jwt, token) : undefined;
    if (!claims) return address;
    try {
      return (await userExists(database, claims.sub)) ? `user:${claims.sub}` : address;
    } catch {
      return address;
    }
  };
}

/**
 * Storage key of a client: one budget per client across all routes (the default of @nestjs/throttler
 * is one per route), hashed so that no IP address or user id is written to Redis.
 */
export function clientKey(tracker: string, throttlerName: string): string {
  return `${throttlerName}:${createHash('sha256').update(tracker).digest('base64url').slice(0, 32)}`;
}
