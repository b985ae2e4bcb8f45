import { createHash } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { normalizeIp } from '@nestjs/throttler';

const BEARER = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/;

/** The parts of a Fastify request the tracker reads (@nestjs/throttler types requests as `Record<string, any>`). */
interface RequestLike {
  headers?: { authorization?: unknown };
  ip?: string;
}

/**
 * Who a request counts against: the user of a valid bearer token (so users behind one NAT or proxy
 * do not share a budget), else the client IP (IPv6 grouped by /64, as @nestjs/throttler does, so one
 * host cannot rotate addresses). Only the signature and expiry are checked here (a cheap HMAC);
 * {@link JwtAuthGuard} still decides whether the request is allowed.
 */
export function clientTracker(jwt: JwtService): (req: Record<string, unknown>) => string {
  return (req) => {
    const header = (req as RequestLike).headers?.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (match) {
      try {
        const payload = jwt.verify<{ sub?: unknown }>(match[1] as string, { algorithms: ['HS256'] });
        if (typeof payload.sub === 'string' && payload.sub.length > 0) return `user:${payload.sub}`;
      } catch {
        // Invalid or expired token: counted by IP, like an anonymous request.
      }
    }
    return `ip:${normalizeIp(String((req as RequestLike).ip))}`;
  };
}

/**
 * Storage key of a client: one budget per client across all routes (the default of @nestjs/throttler
 * is one per route), hashed so that no IP address or user id is written to Redis.
 */
export function clientKey(tracker: string, throttlerName: string): string {
  return `${throttlerName}:${createHash('sha256').update(tracker).digest('base64url').slice(0, 32)}`;
}
