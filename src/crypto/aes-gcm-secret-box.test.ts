// AES-256-GCM secret box: round trip, binding to the AccessKeyId and the master key, tamper detection.

import { describe, expect, it } from 'vitest';
import { AesGcmSecretBox, MASTER_KEY_BYTES } from './aes-gcm-secret-box.js';

/** Deterministic 32-byte keys, so no test depends on randomness for its key material. */
function key(fill: number): Uint8Array {
  return new Uint8Array(MASTER_KEY_BYTES).fill(fill);
}

const ID = 'LTAI00000000000000000001';
const OTHER_ID = 'LTAI00000000000000000002';
const SECRET = 'PupkTg8jdmau1cXxYacgE736PJj4cA';

/** Rewrites one byte of the sealed payload at `index` (negative counts from the end). */
function tamper(sealed: string, index: number): string {
  const [version, payload] = sealed.split('.');
  const raw = Buffer.from(payload ?? '', 'base64');
  const at = index < 0 ? raw.length + index : index;
  raw.writeUInt8((raw.readUInt8(at) ^ 0x01) & 0xff, at);
  return `${version}.${raw.toString('base64')}`;
}

describe('AesGcmSecretBox', () => {
  const box = new AesGcmSecretBox(key(7));

  it.each([
    ['an AccessKey secret', SECRET],
    ['the empty string', ''],
    ['non-ASCII text', '密钥 \u{1F511} é'],
    ['a long value', 'x'.repeat(10_000)],
  ])('round-trips %s', (_, secret) => {
    expect(box.open(box.seal(secret, ID), ID)).toBe(secret);
  });

  it('opens with a second instance built from the same key bytes', () => {
    expect(new AesGcmSecretBox(key(7)).open(box.seal(SECRET, ID), ID)).toBe(SECRET);
  });

  it('writes v1.<base64> and never the plaintext', () => {
    const sealed = box.seal(SECRET, ID);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9+/]+=*$/);
    expect(sealed).not.toContain(SECRET);
    expect(sealed).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(sealed).not.toContain(Buffer.from(SECRET).toString('hex'));
    // 12-byte IV + ciphertext (as long as the plaintext) + 16-byte tag.
    expect(Buffer.from(sealed.slice(3), 'base64')).toHaveLength(12 + SECRET.length + 16);
  });

  it('uses a fresh IV for every seal', () => {
    const sealed = new Set(Array.from({ length: 50 }, () => box.seal(SECRET, ID)));
    expect(sealed.size).toBe(50);
  });

  it('refuses to open a value sealed for another AccessKeyId', () => {
    expect(() => box.open(box.seal(SECRET, ID), OTHER_ID)).toThrow();
    expect(() => box.open(box.seal(SECRET, ID), '')).toThrow();
  });

  it('refuses to open a value sealed under another master key', () => {
    expect(() => new AesGcmSecretBox(key(8)).open(box.seal(SECRET, ID), ID)).toThrow();
  });

  it.each([
    ['the first IV byte', 0],
    ['the last IV byte', 11],
    ['the first ciphertext byte', 12],
    ['the last tag byte', -1],
    ['the first tag byte', -16],
  ])('detects tampering with %s', (_, index) => {
    const sealed = box.seal(SECRET, ID);
    expect(() => box.open(tamper(sealed, index), ID)).toThrow();
  });

  it.each([
    ['an unknown version', (s: string) => `v2${s.slice(2)}`],
    ['no version', (s: string) => s.slice(3)],
    ['a truncated payload', (s: string) => s.slice(0, 3 + 20)],
    ['an empty payload', () => 'v1.'],
    [
      'a dropped tag',
      (s: string) => `v1.${Buffer.from(s.slice(3), 'base64').subarray(0, -16).toString('base64')}`,
    ],
    ['the empty string', () => ''],
  ])('rejects %s', (_, mangle) => {
    expect(() => box.open(mangle(box.seal(SECRET, ID)), ID)).toThrow();
  });

  it.each([0, 16, 31, 33, 64])('rejects a %i-byte master key', (length) => {
    expect(() => new AesGcmSecretBox(new Uint8Array(length))).toThrow(
      `master key must be 32 bytes, got ${length}`,
    );
  });

  it('copies the master key, so later changes to the caller’s buffer do not affect it', () => {
    const bytes = key(9);
    const own = new AesGcmSecretBox(bytes);
    const sealed = own.seal(SECRET, ID);
    bytes.fill(0);
    expect(own.open(sealed, ID)).toBe(SECRET);
  });
});
