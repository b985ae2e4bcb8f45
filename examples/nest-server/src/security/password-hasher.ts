import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

const scryptAsync = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** scrypt cost: N = 2^15, r = 8, p = 1 → 32 MiB per hash (OWASP's minimum for scrypt). */
const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 };

/**
 * Password hashing with scrypt, a memory-hard function built into Node (no native add-on to
 * install). Stored as `scrypt$N$r$p$salt$hash` so the cost can be raised later without breaking
 * existing hashes.
 */
export class PasswordHasher {
  constructor(private readonly cost = DEFAULT_COST) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scryptAsync(password, salt, 32, {
      ...this.cost,
      maxmem: 128 * this.cost.N * this.cost.r * 2,
    });
    const { N, r, p } = this.cost;
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !hash) return false;
    const N = Number(n);
    const cost = { N, r: Number(r), p: Number(p), maxmem: 128 * N * Number(r) * 2 };
    const expected = Buffer.from(hash, 'base64url');
    const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, cost);
    return timingSafeEqual(actual, expected);
  }
}
