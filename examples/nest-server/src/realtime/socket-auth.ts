import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Socket } from 'socket.io';
import { userExists, verifyAccessToken } from '../auth/access-token.js';
import type { Scope } from '../auth/auth-user.js';
import { SessionRevocations } from '../auth/session-revocations.js';
import { CONFIG, DATABASE } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { SocketLimitError, SocketLimits } from './socket-limits.js';

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

/**
 * How often the sockets of signed-in users are checked against the users table: a user erased
 * through another server instance loses their sockets here within this time (on the instance that
 * erased them, at once).
 */
export const SOCKET_USER_RECHECK_MS = 30_000;

/**
 * Handshake authentication and admission: `auth: { token }` is optional (market events are
 * public), but a token that is there must be a valid HS256 JWT with an `exp`, of a user who still
 * exists, or the connection is refused — never downgraded to anonymous, so a client learns at once
 * that its token is bad. The same checks as the REST guard (`JwtAuthGuard`).
 *
 * Admission also applies the per-address connection cap and the per-connection message rate
 * ({@link SocketLimits}), and a signed-in socket is ended when its user is erased.
 */
@Injectable()
export class SocketAuthenticator implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Realtime');
  /** Signed-in sockets of this process by user id, to end them when the user is erased. */
  private readonly byUser = new Map<string, Set<Socket>>();
  private stopListening: (() => void) | undefined;
  private recheck: NodeJS.Timeout | undefined;
  readonly limits: SocketLimits;

  constructor(
    private readonly jwt: JwtService,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) config: AppConfig,
    private readonly revocations: SessionRevocations,
  ) {
    this.limits = new SocketLimits(config.socketLimits, config.trustProxy);
  }

  onModuleInit(): void {
    this.stopListening = this.revocations.onRevoke((userId) => this.disconnectUser(userId));
    this.recheck = setInterval(() => void this.dropErasedUsers(), SOCKET_USER_RECHECK_MS);
    this.recheck.unref();
  }

  onApplicationShutdown(): void {
    this.stopListening?.();
    clearInterval(this.recheck);
  }

  /** Who a handshake token proves; throws {@link SocketAuthError} for a bad one. */
  async identify(token: unknown): Promise<SocketIdentity> {
    if (token === undefined || token === null) return { scopes: [] };
    if (typeof token !== 'string') throw new SocketAuthError('auth.token: must be a JWT');
    const claims = verifyAccessToken(this.jwt, token);
    if (!claims) throw new SocketAuthError('auth.token: invalid or expired token');
    if (!(await userExists(this.database, claims.sub)))
      throw new SocketAuthError('auth.token: invalid or expired token');
    return { userId: claims.sub, scopes: claims.scopes };
  }

  /**
   * Socket.IO middleware. It also runs for a recovered session (the gateway sets `skipMiddlewares:
   * false`), so a token that expired or a user erased during the drop is refused on reconnect,
   * and a recovered session can never change hands to another user's token.
   */
  middleware(): (socket: Socket, next: (error?: Error) => void) => void {
    return (socket, next) => {
      const address = this.limits.addressOf(socket);
      // Checked before the token (cheap refusal of a flood), and again when admitting.
      if (!this.limits.hasRoom(address)) {
        next(new SocketLimitError('too many connections from this address'));
        return;
      }
      this.identify(socket.handshake.auth?.token).then(
        (identity) => {
          const previous = socket.data as Partial<SocketIdentity>;
          if (socket.recovered && previous.userId !== identity.userId) {
            next(new SocketAuthError('auth.token: the recovered session belongs to another user'));
            return;
          }
          if (!this.limits.admit(socket)) {
            next(new SocketLimitError('too many connections from this address'));
            return;
          }
          socket.data = identity;
          if (identity.userId) this.track(identity.userId, socket);
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

  /** Ends every socket of `userId` in this process (its session is over: erased). */
  disconnectUser(userId: string): number {
    const sockets = this.byUser.get(userId);
    if (!sockets) return 0;
    this.byUser.delete(userId);
    for (const socket of sockets) socket.disconnect(true);
    return sockets.size;
  }

  private track(userId: string, socket: Socket): void {
    let sockets = this.byUser.get(userId);
    if (!sockets) {
      sockets = new Set();
      this.byUser.set(userId, sockets);
    }
    sockets.add(socket);
    socket.conn.once('close', () => {
      const current = this.byUser.get(userId);
      current?.delete(socket);
      if (current?.size === 0) this.byUser.delete(userId);
    });
  }

  /** Ends the sockets of users that no longer exist (erased through another instance). */
  private async dropErasedUsers(): Promise<void> {
    const ids = [...this.byUser.keys()];
    if (ids.length === 0) return;
    try {
      const found = await this.database.query<{ id: string }>(
        'SELECT id::text AS id FROM users WHERE id = ANY($1::uuid[])',
        [ids],
      );
      const existing = new Set(found.rows.map((row) => row.id));
      for (const id of ids) if (!existing.has(id)) this.disconnectUser(id);
    } catch (error) {
      this.logger.warn(`cannot re-check the users of open sockets: ${(error as Error).message}`);
    }
  }
}
