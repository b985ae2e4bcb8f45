import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../db/database.js';
import { type AuthUser, SCOPES_KEY, type Scope } from './auth-user.js';

/** Users are keyed by uuid (`users.id`). */
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TokenPayload {
  sub: string;
  scopes: Scope[];
}

/**
 * Bearer-token guard: HS256 only (the algorithm is pinned, so a forged `alg: none` token fails),
 * 24 h expiry enforced, scopes checked against `@RequireScopes`, and the user must still exist
 * (a token outlives nothing the user erased).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header) : null;
    if (!match) throw new UnauthorizedException('Missing or malformed Authorization: Bearer token');
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(match[1] as string, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException('Invalid or expired token');
    }
    // A well-signed token still carries whatever its issuer put in it: a subject that is no user id
    // would make the uuid lookup below fail with a 500 instead of a 401.
    if (typeof payload.sub !== 'string' || !USER_ID.test(payload.sub))
      throw new UnauthorizedException('Invalid or expired token');
    const exists = await this.database.query('SELECT 1 FROM users WHERE id = $1', [payload.sub]);
    if (exists.rowCount === 0) throw new UnauthorizedException('Invalid or expired token');
    const scopes = Array.isArray(payload.scopes) ? payload.scopes : [];
    const required =
      this.reflector.getAllAndOverride<Scope[] | undefined>(SCOPES_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const missing = required.filter((scope) => !scopes.includes(scope));
    if (missing.length > 0) throw new ForbiddenException(`Token lacks scope: ${missing.join(', ')}`);
    request.user = { id: payload.sub, scopes };
    return true;
  }
}
