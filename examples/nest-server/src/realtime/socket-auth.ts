import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Socket } from 'socket.io';
import type { Scope } from '../auth/auth-user.js';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../db/database.js';

/** What the handshake proved about a socket, kept in `socket.data` (and restored with a recovered session). */
export interface SocketIdentity {
  /** The user the token belongs to; absent for an anonymous socket. */
  userId?: string;
  scopes: Scope[];
}

/** The error a refused handshake reports (`connect_error` on the client). */
export class SocketAuthError extends Error {
  override name = 'SocketAuthError';
  readonly data = { code: 'UNAUTHORIZED' };
}

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * Handshake authentication: `auth: { token }` is optional (market events are public), but a token
 * that is there must be a valid HS256 JWT of a user who still exists, or the connection is
 * refused — never downgraded to anonymous, so a client learns at once that its token is bad.
 * The same checks as the REST guard (`JwtAuthGuard`).
 */
@Injectable()
export class SocketAuthenticator {
  constructor(
    private readonly jwt: JwtService,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  /** Who a handshake token proves; throws {@link SocketAuthError} for a bad one. */
  async identify(token: unknown): Promise<SocketIdentity> {
    if (token === undefined || token === null) return { scopes: [] };
    if (typeof token !== 'string' || !JWT_SHAPE.test(token))
      throw new SocketAuthError('auth.token: must be a JWT');
    let payload: { sub?: unknown; scopes?: unknown };
    try {
      payload = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw new SocketAuthError('auth.token: invalid or expired token');
    }
    if (typeof payload.sub !== 'string') throw new SocketAuthError('auth.token: invalid or expired token');
    const exists = await this.database.query('SELECT 1 FROM users WHERE id = $1', [payload.sub]);
    if (exists.rowCount === 0) throw new SocketAuthError('auth.token: invalid or expired token');
    const scopes = Array.isArray(payload.scopes)
      ? payload.scopes.filter((s): s is Scope => s === 'read' || s === 'write')
      : [];
    return { userId: payload.sub, scopes };
  }

  /**
   * Socket.IO middleware. It also runs for a recovered session (the gateway sets `skipMiddlewares:
   * false`), so a token that expired or a user erased during the drop is refused on reconnect,
   * and a recovered session can never change hands to another user's token.
   */
  middleware(): (socket: Socket, next: (error?: Error) => void) => void {
    return (socket, next) => {
      this.identify(socket.handshake.auth?.token).then(
        (identity) => {
          const previous = socket.data as Partial<SocketIdentity>;
          if (socket.recovered && previous.userId !== identity.userId) {
            next(new SocketAuthError('auth.token: the recovered session belongs to another user'));
            return;
          }
          socket.data = identity;
          next();
        },
        (error: unknown) =>
          next(
            error instanceof SocketAuthError
              ? error
              : new SocketAuthError('authentication is unavailable, try again'),
          ),
      );
    };
  }
}
