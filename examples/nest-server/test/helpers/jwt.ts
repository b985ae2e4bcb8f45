import { createHmac } from 'node:crypto';

/** The algorithms a forged token may claim. */
export type ForgedAlgorithm = 'HS256' | 'HS512' | 'none';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Signs a JWT by hand (RFC 7519 compact form) without the server's JWT library, so the tests can
 * make tokens the server must refuse: expired, wrongly signed, `alg: none`, another HMAC.
 * With `alg: none` the signature part is whatever `signature` says (RFC 7519 leaves it empty).
 */
export function forgeToken(
  payload: Record<string, unknown>,
  secret: string,
  options: { alg?: ForgedAlgorithm; signature?: string } = {},
): string {
  const alg = options.alg ?? 'HS256';
  const unsigned = `${base64url({ alg, typ: 'JWT' })}.${base64url(payload)}`;
  if (alg === 'none') return `${unsigned}.${options.signature ?? ''}`;
  const hmac = createHmac(alg === 'HS256' ? 'sha256' : 'sha512', secret)
    .update(unsigned)
    .digest('base64url');
  return `${unsigned}.${options.signature ?? hmac}`;
}

/** Seconds since the epoch, as JWT `iat` / `exp` count. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
