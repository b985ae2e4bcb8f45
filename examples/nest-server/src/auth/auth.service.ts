import {
  ConflictException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Redis } from 'ioredis';
import { AuditService } from '../audit/audit.service.js';
import { pseudonymiseAuditSubject } from '../audit/audit-erasure.js';
import { CONFIG, DATABASE, REDIS } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { FieldEncryption } from '../security/field-encryption.js';
import { PasswordHasher } from '../security/password-hasher.js';
import { UserActivity } from '../timeseries/user-activity.js';
import type { Credentials } from './auth.schemas.js';
import { LoginThrottle } from './login-throttle.js';
import { SessionRevocations } from './session-revocations.js';

/** Token lifetime: 24 hours. */
export const TOKEN_TTL_SECONDS = 24 * 60 * 60;

interface UserRow {
  id: string;
  email_encrypted: string;
  password_hash: string;
  scopes: string[];
  created_at: Date;
}

/** A login refused because its account is in a delay: 429, `Retry-After` set by the controller. */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many login attempts for this account; retry in ${retryAfterSeconds} s`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Registration, login, and the GDPR rights (export, erasure). */
@Injectable()
export class AuthService {
  private readonly encryption: FieldEncryption;
  private readonly hasher = new PasswordHasher();
  // Compared against when the e-mail is unknown, so a login takes as long either way.
  private readonly dummyHash: Promise<string>;
  private readonly loginThrottle: LoginThrottle;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) config: AppConfig,
    @Inject(REDIS) redis: Redis | null,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly sessions: SessionRevocations,
    private readonly activity: UserActivity,
  ) {
    this.encryption = new FieldEncryption(config.encryptionKey);
    this.dummyHash = this.hasher.hash('not-a-real-password');
    this.loginThrottle = new LoginThrottle({ redis, keyPrefix: `${config.jobs.redisPrefix}:login:` });
  }

  async register({ email, password }: Credentials, requestId: string) {
    const passwordHash = await this.hasher.hash(password);
    return this.database.transaction(async (tx) => {
      const inserted = await tx.query<{ id: string; created_at: Date; scopes: string[] }>(
        `INSERT INTO users (email_lookup, email_encrypted, password_hash)
         VALUES ($1, $2, $3) ON CONFLICT (email_lookup) DO NOTHING
         RETURNING id, created_at, scopes`,
        [this.encryption.lookupHash(email), this.encryption.encrypt(email), passwordHash],
      );
      const user = inserted.rows[0];
      if (!user) throw new ConflictException('An account with this e-mail already exists');
      await this.audit.record(
        { userId: user.id, action: 'user.register', resource: 'user', resourceId: user.id, requestId },
        tx,
      );
      return { id: user.id, email, scopes: user.scopes, created_at: new Date(user.created_at).toISOString() };
    });
  }

  /**
   * Exchanges e-mail and password for a token. Each account (known or not: the answer is the same)
   * gets 5 attempts; each further one waits 30 s, 60 s, 120 s … (see {@link LoginThrottle}), and
   * is answered 429 with `Retry-After` meanwhile, whatever the password.
   */
  async login({ email, password }: Credentials, requestId: string) {
    const lookup = this.encryption.lookupHash(email);
    const admission = await this.loginThrottle.begin(lookup);
    if (!admission.allowed) {
      throw new LoginThrottledException(admission.retryAfterSeconds);
    }
    const found = await this.database.query<UserRow>('SELECT * FROM users WHERE email_lookup = $1', [lookup]);
    const user = found.rows[0];
    const ok = await this.hasher.verify(password, user?.password_hash ?? (await this.dummyHash));
    if (!user || !ok) {
      await this.audit.recordQuietly({
        userId: user?.id ?? null,
        action: 'user.login',
        resource: 'session',
        requestId,
        outcome: 'denied',
      });
      throw new UnauthorizedException('Invalid e-mail or password');
    }
    const token = await this.jwt.signAsync(
      { sub: user.id, scopes: user.scopes },
      { algorithm: 'HS256', expiresIn: TOKEN_TTL_SECONDS },
    );
    await this.loginThrottle.succeeded(lookup);
    await this.audit.recordQuietly({ userId: user.id, action: 'user.login', resource: 'session', requestId });
    return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS };
  }

  async profile(userId: string, requestId: string) {
    const user = (await this.database.query<UserRow>('SELECT * FROM users WHERE id = $1', [userId])).rows[0];
    if (!user) throw new UnauthorizedException('Invalid or expired token');
    await this.audit.recordQuietly({
      userId,
      action: 'user.read',
      resource: 'user',
      resourceId: userId,
      requestId,
    });
    return this.describe(user);
  }

  /** GDPR Art. 15/20: everything stored about the user, machine-readable. */
  async exportData(userId: string, requestId: string) {
    const user = (await this.database.query<UserRow>('SELECT * FROM users WHERE id = $1', [userId])).rows[0];
    if (!user) throw new UnauthorizedException('Invalid or expired token');
    const positions = await this.database.query(
      'SELECT * FROM positions WHERE user_id = $1 ORDER BY created_at',
      [userId],
    );
    const audit = await this.database.query(
      'SELECT action, resource, resource_id, outcome, created_at FROM audit_log WHERE user_id = $1 ORDER BY created_at',
      [userId],
    );
    await this.audit.record({
      userId,
      action: 'user.export',
      resource: 'user',
      resourceId: userId,
      requestId,
    });
    return {
      exported_at: new Date().toISOString(),
      user: this.describe(user),
      positions: positions.rows,
      audit_log: audit.rows,
      activity: await this.activity.exportOf(userId),
    };
  }

  /**
   * GDPR Art. 17: deletes the account and its positions; in the audit trail the user's id and
   * position ids are replaced by a pseudonym drawn for this erasure (see
   * {@link pseudonymiseAuditSubject}). Then the user's live sessions (sockets) are ended.
   */
  async erase(userId: string, requestId: string): Promise<void> {
    // Outside the transaction: waits for the activity insert in progress (PGlite is one connection).
    await this.activity.forget(userId);
    await this.database.transaction(async (tx) => {
      const positions = await tx.query<{ id: string }>(
        'SELECT id::text AS id FROM positions WHERE user_id = $1 FOR UPDATE',
        [userId],
      );
      const deleted = await tx.query('DELETE FROM users WHERE id = $1', [userId]);
      if (deleted.rowCount === 0) throw new UnauthorizedException('Invalid or expired token');
      await this.activity.erase(tx, userId);
      const pseudonym = await pseudonymiseAuditSubject(
        tx,
        userId,
        positions.rows.map((row) => row.id),
      );
      await this.audit.record(
        { userId: null, action: 'user.erase', resource: 'user', resourceId: pseudonym, requestId },
        tx,
      );
    });
    this.sessions.revoke(userId);
  }

  private describe(user: UserRow) {
    return {
      id: user.id,
      email: this.encryption.decrypt(user.email_encrypted),
      scopes: user.scopes,
      created_at: new Date(user.created_at).toISOString(),
    };
  }
}
