import { InvalidArgumentError } from '../data/errors.js';

// Portable base64 (RFC 4648 §4: standard alphabet, padded). The core package may not use Node's
// Buffer, and `btoa`/`atob` work on binary strings one char at a time (several times slower here).
// Encoding writes two output chars per table lookup into a scratch buffer and turns it into a string
// with one TextDecoder call; decoding turns the text into ASCII bytes with one TextEncoder call.
// Both exist in every runtime: browsers, Node, Deno, Bun, workers.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 61; // '='
const INVALID = 255;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const CHAR_CODES = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0));
// PAIRS[12 bits] = the two output chars for those bits, laid out in memory in reading order.
const PAIRS = new Uint16Array(4096);
for (let bits = 0; bits < 4096; bits++) {
  const first = CHAR_CODES[bits >>> 6];
  const second = CHAR_CODES[bits & 63];
  PAIRS[bits] = LITTLE_ENDIAN ? first | (second << 8) : (first << 8) | second;
}
const SEXTETS = new Uint8Array(256).fill(INVALID);
for (let i = 0; i < ALPHABET.length; i++) SEXTETS[ALPHABET.charCodeAt(i)] = i;
const asciiDecoder = new TextDecoder();
const asciiEncoder = new TextEncoder();
// Reused between calls (JavaScript runs one call at a time); large requests get their own buffer
// so that one big value does not pin memory for the life of the process.
const SCRATCH_LIMIT = 1 << 20;
let scratch = new ArrayBuffer(1 << 14);

function scratchBytes(length: number): Uint8Array {
  if (length > SCRATCH_LIMIT) return new Uint8Array(length + (length & 1));
  if (scratch.byteLength < length) scratch = new ArrayBuffer(2 ** Math.ceil(Math.log2(length)));
  return new Uint8Array(scratch, 0, length);
}

/** Encodes bytes as padded standard base64 (RFC 4648 §4). */
export function bytesToBase64(bytes: Uint8Array): string {
  const length = bytes.length;
  const outLength = Math.ceil(length / 3) * 4;
  const out = scratchBytes(outLength);
  const pairs = new Uint16Array(out.buffer, 0, outLength >>> 1);
  const whole = length - (length % 3);
  let p = 0;
  for (let i = 0; i < whole; i += 3) {
    const triple = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    pairs[p++] = PAIRS[triple >>> 12];
    pairs[p++] = PAIRS[triple & 4095];
  }
  let o = p * 2;
  if (length - whole === 1) {
    const single = bytes[whole];
    out[o++] = CHAR_CODES[single >>> 2];
    out[o++] = CHAR_CODES[(single & 3) << 4];
    out[o++] = PAD;
    out[o++] = PAD;
  } else if (length - whole === 2) {
    const pair = (bytes[whole] << 8) | bytes[whole + 1];
    out[o++] = CHAR_CODES[pair >>> 10];
    out[o++] = CHAR_CODES[(pair >>> 4) & 63];
    out[o++] = CHAR_CODES[(pair & 15) << 2];
    out[o++] = PAD;
  }
  return asciiDecoder.decode(out.subarray(0, outLength));
}

/**
 * Decodes padded standard base64 into `target`, which must have exactly the decoded length (see
 * {@link base64DecodedLength}), so callers can decode straight into a typed array's buffer.
 * Throws {@link InvalidArgumentError} on a character outside the alphabet or a bad length.
 */
export function base64DecodeInto(text: string, target: Uint8Array): void {
  const expected = base64DecodedLength(text);
  if (target.length !== expected) {
    throw new InvalidArgumentError(
      'target',
      `needs ${expected} bytes for this base64 text, has ${target.length}`,
    );
  }
  const chars = scratchBytes(text.length);
  const { read, written } = asciiEncoder.encodeInto(text, chars);
  // A non-ASCII char would take several UTF-8 bytes; the counts then disagree.
  if (read !== text.length || written !== text.length) throw invalidCharacter(text);
  const padding = (text.length / 4) * 3 - expected;
  const whole = text.length - (padding === 0 ? 0 : 4);
  let invalid = 0;
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const a = SEXTETS[chars[i]];
    const b = SEXTETS[chars[i + 1]];
    const c = SEXTETS[chars[i + 2]];
    const d = SEXTETS[chars[i + 3]];
    invalid |= a | b | c | d; // valid sextets are < 64, INVALID has bit 7 set
    const quad = (a << 18) | (b << 12) | (c << 6) | d;
    target[o++] = quad >>> 16;
    target[o++] = (quad >>> 8) & 255;
    target[o++] = quad & 255;
  }
  if (padding > 0) {
    const a = SEXTETS[chars[whole]];
    const b = SEXTETS[chars[whole + 1]];
    const c = padding === 1 ? SEXTETS[chars[whole + 2]] : 0;
    invalid |= a | b | c;
    const triple = (a << 12) | (b << 6) | c;
    target[o++] = triple >>> 10;
    if (padding === 1) target[o] = (triple >>> 2) & 255;
  }
  if ((invalid & 128) !== 0) throw invalidCharacter(text);
}

/** Decodes padded standard base64 into a new byte array. */
export function base64ToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(base64DecodedLength(text));
  base64DecodeInto(text, bytes);
  return bytes;
}

/** Number of bytes a padded base64 text decodes to; throws when the length cannot be base64. */
export function base64DecodedLength(text: string): number {
  if (text.length % 4 !== 0) {
    throw new InvalidArgumentError('base64', `length ${text.length} is not a multiple of 4`);
  }
  if (text.length === 0) return 0;
  const padding =
    text.charCodeAt(text.length - 1) !== PAD ? 0 : text.charCodeAt(text.length - 2) === PAD ? 2 : 1;
  return (text.length / 4) * 3 - padding;
}

// Off the hot path: find the first bad char to name it.
function invalidCharacter(text: string): InvalidArgumentError {
  const body = text.replace(/=+$/, '');
  let index = 0;
  for (; index < body.length; index++) {
    const code = body.charCodeAt(index);
    if (code > 255 || SEXTETS[code] === INVALID) break;
  }
  return new InvalidArgumentError('base64', `invalid character ${JSON.stringify(text[index])}`, index);
}
