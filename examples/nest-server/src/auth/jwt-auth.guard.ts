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
import { bearerToken, userExists, verifyAccessToken } from './access-token.js';
import { type AuthUser, SCOPES_KEY, type Scope } from './auth-user.js';

/**
 * Bearer-token guard: HS256 only (the algorithm is pinned, so a forged `alg: none` token fails),
 * an `exp` required and enforced, scopes checked against `@RequireScopes`, and the user must still
 * exist (a token outlives nothing the user erased). See {@link verifyAccessToken}.
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
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedException('Missing or malformed Authorization: Bearer token');
    const claims = verifyAccessToken(this.jwt, token);
    if (!claims || !(await userExists(this.database, claims.sub)))
      throw new UnauthorizedException('Invalid or expired token');
    const required =
      this.reflector.getAllAndOverride<Scope[] | undefined>(SCOPES_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const missing = required.filter((scope) => !claims.scopes.includes(scope));
    if (missing.length > 0) throw new ForbiddenException(`Token lacks scope: ${missing.join(', ')}`);
    request.user = { id: claims.sub, scopes: claims.scopes };
    return true;
  }
}
