import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for personal fields at rest (e-mail addresses). Format: `v1:<iv>:<tag>:<ciphertext>`,
 * base64url parts; a fresh 96-bit IV per value; the tag authenticates, so tampering fails loudly.
 */
export class FieldEncryption {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('FieldEncryption needs a 32-byte key (AES-256)');
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ciphertext]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join(':');
  }

  decrypt(value: string): string {
    const [version, iv, tag, ciphertext] = value.split(':');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined)
      throw new Error('unrecognised encrypted value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Deterministic keyed hash, so an encrypted field can still be looked up by equality. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.key).update(`lookup:${value}`).digest('base64url');
  }
}
