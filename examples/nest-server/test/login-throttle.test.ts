// The per-account login limit on its own, in memory and in the real Redis (REDIS_URL), and the two
// pure helpers of the attack defences: the Socket.IO client address behind proxies, and the password
// strength check. Counts only; the memory store runs on an injected clock.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_LOGIN_POLICY,
  type LoginAdmission,
  LoginThrottle,
  loginDelayMs,
} from '../src/auth/login-throttle.js';
import { handshakeAddress } from '../src/realtime/socket-limits.js';
import { passwordWeakness } from '../src/security/password-strength.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const silent = { warn: () => undefined };
const keyPrefix = `t-login-${randomBytes(4).toString('hex')}:login:`;

const statuses = (admissions: LoginAdmission[]) =>
  admissions.map((a) => (a.allowed ? 'go' : `wait ${a.retryAfterSeconds}`));

describe('loginDelayMs', () => {
  it('is 0 for the first 4 attempts, then 30 s doubling per attempt up to 15 minutes', () => {
    const delays = Array.from({ length: 12 }, (_, i) => loginDelayMs(i + 1, DEFAULT_LOGIN_POLICY) / 1000);
    expect(delays).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
  });
});

describe('LoginThrottle in memory', () => {
  it('lets 5 attempts through, then one attempt per growing delay; a success starts again', async () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle({ now: () => now, logger: silent });
    const seen: LoginAdmission[] = [];
    for (let i = 0; i < 7; i++) seen.push(await throttle.begin('account'));
    expect(statuses(seen)).toEqual(['go', 'go', 'go', 'go', 'go', 'wait 30', 'wait 30']);
    now += 30_000;
    expect(await throttle.begin('account')).toEqual({ allowed: true }); // the 6th, which starts 60 s
    expect(await throttle.begin('account')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(await throttle.begin('another account')).toEqual({ allowed: true });
    await throttle.succeeded('account');
    expect(await throttle.begin('account')).toEqual({ allowed: true });
  });

  it('forgets the count after 15 minutes without attempts', async () => {
    let now = 0;
    const throttle = new LoginThrottle({ now: () => now, logger: silent });
    for (let i = 0; i < 4; i++) expect((await throttle.begin('a')).allowed).toBe(true);
    now += 15 * 60_000;
    for (let i = 0; i < 4; i++) expect((await throttle.begin('a')).allowed).toBe(true);
  });
});

describe('LoginThrottle in Redis', () => {
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('counts like the memory store, across two instances, and stores no account name', async () => {
    const account = `someone-${randomUUID()}@example.com`;
    const [a, b] = [0, 1].map(() => new LoginThrottle({ redis, keyPrefix, logger: silent }));
    const seen: LoginAdmission[] = [];
    for (let i = 0; i < 7; i++) seen.push(await (i % 2 ? b : a)!.begin(account));
    expect(statuses(seen).map((s) => s.replace(/^wait (29|30)$/, 'wait 30'))).toEqual([
      'go',
      'go',
      'go',
      'go',
      'go',
      'wait 30',
      'wait 30',
    ]);
    const keys = await redis.keys(`${keyPrefix}*`);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).not.toContain('someone');
    // The delay ends (its key expires): one more attempt, which starts a delay twice as long.
    await redis.del(...keys.filter((key) => key.endsWith(':lock')));
    expect(await a!.begin(account)).toEqual({ allowed: true });
    const next = await b!.begin(account);
    expect(next.allowed).toBe(false);
    expect((next as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(30);
    expect((next as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
    await a!.succeeded(account);
    expect(await redis.keys(`${keyPrefix}*`)).toEqual([]);
  });

  it('checks at most 5 of 30 parallel attempts', async () => {
    const throttle = new LoginThrottle({ redis, keyPrefix, logger: silent });
    const account = randomUUID();
    const seen = await Promise.all(Array.from({ length: 30 }, () => throttle.begin(account)));
    expect(seen.filter((a) => a.allowed)).toHaveLength(5);
  });

  it('falls back to memory, with a warning, when Redis does not answer', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const unreachable = new Redis({
      host: '127.0.0.1',
      port,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    unreachable.on('error', () => undefined);
    const warnings: string[] = [];
    const throttle = new LoginThrottle({
      redis: unreachable,
      keyPrefix,
      logger: { warn: (message) => warnings.push(message) },
    });
    try {
      const seen: LoginAdmission[] = [];
      for (let i = 0; i < 6; i++) seen.push(await throttle.begin('offline'));
      expect(seen.map((a) => a.allowed)).toEqual([true, true, true, true, true, false]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/falls back to this instance's memory/);
    } finally {
      unreachable.disconnect();
    }
  });
});

describe('handshakeAddress', () => {
  it('ignores X-Forwarded-For unless a proxy is trusted', () => {
    expect(handshakeAddress('10.0.0.9', '1.2.3.4', false)).toBe('10.0.0.9');
  });

  it('takes the right-most address the trusted proxies did not write, ignoring entries a client wrote', () => {
    const trusted = ['127.0.0.1', '10.1.0.0/16'];
    expect(handshakeAddress('127.0.0.1', '203.0.113.5', trusted)).toBe('203.0.113.5');
    expect(handshakeAddress('127.0.0.1', '6.6.6.6, 203.0.113.5, 10.1.2.3', trusted)).toBe('203.0.113.5');
    expect(handshakeAddress('::ffff:127.0.0.1', '203.0.113.5', trusted)).toBe('203.0.113.5');
    // From an untrusted peer, the header is the client's own word.
    expect(handshakeAddress('198.51.100.7', '203.0.113.5', trusted)).toBe('198.51.100.7');
  });

  it('with TRUST_PROXY=true takes the first entry, as Fastify does', () => {
    expect(handshakeAddress('127.0.0.1', '203.0.113.5, 10.0.0.1', true)).toBe('203.0.113.5');
  });
});

describe('passwordWeakness', () => {
  it.each(['          ', 'password12', '1234567890', 'qwertyuiop12', 'aaaaaaaaaaaa'])(
    'refuses %j',
    (password) => {
      expect(passwordWeakness(password)).toMatch(
        /^is too easy to guess \(strength [0-2] of 4, at least 3 needed/,
      );
    },
  );

  it('accepts a passphrase, and refuses one made of the e-mail address', () => {
    expect(passwordWeakness('correct horse battery staple')).toBeUndefined();
    expect(
      passwordWeakness('annabellesmithers', ['annabelle.smithers@example.com', 'annabelle', 'smithers']),
    ).toMatch(/too easy to guess/);
  });
});
