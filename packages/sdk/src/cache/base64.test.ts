import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64DecodedLength, base64ToBytes, bytesToBase64 } from './base64.js';

// Node's Buffer is the independent reference; the module itself must not use it (portable core).
describe('base64', () => {
  it('encodes exactly as Node Buffer does, for every length remainder (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
  });

  it('decodes what Node Buffer encodes, back to the same bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(base64DecodedLength(text)).toBe(bytes.length);
        expect(base64ToBytes(text)).toEqual(bytes);
      }),
    );
  });

  it('matches the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      const bytes = new TextEncoder().encode(plain);
      expect(bytesToBase64(bytes)).toBe(encoded);
      expect(new TextDecoder().decode(base64ToBytes(encoded))).toBe(plain);
    }
  });

  it('refuses text that is not base64, naming the position', () => {
    expect(() => base64ToBytes('Zm9')).toThrow(/length 3 is not a multiple of 4/);
    expect(() => base64ToBytes('Zm*v')).toThrow(/`base64` at index 2: invalid character "\*"/);
    expect(() => base64ToBytes('Zm9é')).toThrow(/at index 3/);
  });
});
