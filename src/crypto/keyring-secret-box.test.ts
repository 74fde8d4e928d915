// The keyring secret box: sealing format, binding to the AccessKeyId and the master key, tamper detection,
// legacy v1 values, and re-reading the key source when a value names a key it does not know.

import { describe, expect, it } from 'vitest';
import { MASTER_KEY_BYTES } from './aes-gcm.js';
import { KeyringSecretBox, type MasterKeySource, type MasterKeys } from './keyring-secret-box.js';
import { fixedKeySource } from './master-key.js';
import { masterKeyId } from './sealed-format.js';

/** Deterministic 32-byte keys, so no test depends on randomness for its key material. */
function key(fill: number): Uint8Array {
  return new Uint8Array(MASTER_KEY_BYTES).fill(fill);
}

const ID = 'LTAI00000000000000000001';
const OTHER_ID = 'LTAI00000000000000000002';
const SECRET = 'PupkTg8jdmau1cXxYacgE736PJj4cA';

/** SECRET sealed for ID under key(7) by akm before key ids existed (AesGcmSecretBox, format v1). */
const LEGACY_V1 = 'v1.0Oo115LZdEaaO3WhQX/48ajA4qhVRgonKemh5GOVZLnCwblZE2zpPTSM2r8/VcgVTM5J6y/387tczg==';

function boxOf(fill: number): KeyringSecretBox {
  return new KeyringSecretBox(fixedKeySource(key(fill)));
}

/** Rewrites one byte of the sealed payload at `index` (negative counts from the end). */
function tamper(sealed: string, index: number): string {
  const cut = sealed.lastIndexOf('.') + 1;
  const raw = Buffer.from(sealed.slice(cut), 'base64');
  const at = index < 0 ? raw.length + index : index;
  raw.writeUInt8((raw.readUInt8(at) ^ 0x01) & 0xff, at);
  return `${sealed.slice(0, cut)}${raw.toString('base64')}`;
}

/** A source whose keys the test changes, counting how often the box reads it. */
class FakeSource implements MasterKeySource {
  loads = 0;
  failing = false;
  #keys: MasterKeys;
  #stamp = 0;

  constructor(keys: MasterKeys) {
    this.#keys = keys;
  }

  /** Replaces the keys; `touch` false keeps the stamp (as a filesystem that does not show the change). */
  set(keys: MasterKeys, touch = true): void {
    this.#keys = keys;
    if (touch) this.#stamp += 1;
  }

  load(): MasterKeys {
    this.loads += 1;
    if (this.failing) throw new Error('key file unreadable');
    return this.#keys;
  }

  stamp(): string {
    return String(this.#stamp);
  }
}

describe('KeyringSecretBox: sealing', () => {
  const box = boxOf(7);

  it.each([
    ['an AccessKey secret', SECRET],
    ['the empty string', ''],
    ['non-ASCII text', '密钥 \u{1F511} é'],
    ['a long value', 'x'.repeat(10_000)],
  ])('round-trips %s', (_, secret) => {
    expect(box.open(box.seal(secret, ID), ID)).toBe(secret);
  });

  it('opens with a second instance built from the same key bytes', () => {
    expect(boxOf(7).open(box.seal(SECRET, ID), ID)).toBe(SECRET);
  });

  it('writes v2.<key id>.<base64>, the key id being the first 16 hex digits of its SHA-256, never the plaintext', () => {
    const sealed = box.seal(SECRET, ID);
    expect(box.sealingKeyId).toBe(masterKeyId(key(7)));
    expect(box.sealingKeyId).toMatch(/^[0-9a-f]{16}$/);
    expect(sealed.startsWith(`v2.${box.sealingKeyId}.`)).toBe(true);
    expect(sealed).toMatch(/^v2\.[0-9a-f]{16}\.[A-Za-z0-9+/]+=*$/);
    expect(sealed).not.toContain(SECRET);
    expect(sealed).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(sealed).not.toContain(Buffer.from(SECRET).toString('hex'));
    // 12-byte IV + ciphertext (as long as the plaintext) + 16-byte tag.
    expect(Buffer.from(sealed.slice(20), 'base64')).toHaveLength(12 + SECRET.length + 16);
  });

  it('uses a fresh IV for every seal', () => {
    const sealed = new Set(Array.from({ length: 50 }, () => box.seal(SECRET, ID)));
    expect(sealed.size).toBe(50);
  });

  it('refuses to open a value sealed for another AccessKeyId', () => {
    expect(() => box.open(box.seal(SECRET, ID), OTHER_ID)).toThrow();
    expect(() => box.open(box.seal(SECRET, ID), '')).toThrow();
  });

  it('refuses a value sealed under another master key, naming its key id', () => {
    const foreign = boxOf(8).seal(SECRET, ID);
    expect(() => box.open(foreign, ID)).toThrow(
      `sealed under an unknown master key (id ${masterKeyId(key(8))})`,
    );
  });

  it('refuses a value whose key id was rewritten to a known key', () => {
    const foreign = boxOf(8).seal(SECRET, ID);
    const relabelled = `v2.${box.sealingKeyId}.${foreign.split('.')[2]}`;
    expect(() => box.open(relabelled, ID)).toThrow();
  });

  it.each([
    ['the first IV byte', 0],
    ['the last IV byte', 11],
    ['the first ciphertext byte', 12],
    ['the last tag byte', -1],
    ['the first tag byte', -16],
  ])('detects tampering with %s', (_, index) => {
    expect(() => box.open(tamper(box.seal(SECRET, ID), index), ID)).toThrow();
  });

  it.each([
    ['an unknown version', (s: string) => `v3${s.slice(2)}`],
    ['no version', (s: string) => s.slice(3)],
    ['a key id that is not 16 hex digits', (s: string) => `v2.ABC.${s.split('.')[2]}`],
    ['a v1 value with a key id', (s: string) => `v1${s.slice(2)}`],
    ['a truncated payload', (s: string) => s.slice(0, 20 + 20)],
    ['an empty payload', (s: string) => s.slice(0, 20)],
    [
      'a dropped tag',
      (s: string) =>
        `${s.slice(0, 20)}${Buffer.from(s.slice(20), 'base64').subarray(0, -16).toString('base64')}`,
    ],
    ['the empty string', () => ''],
  ])('rejects %s', (_, mangle) => {
    expect(() => box.open(mangle(box.seal(SECRET, ID)), ID)).toThrow();
  });

  it.each([0, 16, 31, 33, 64])('rejects a %i-byte master key', (length) => {
    expect(() => new KeyringSecretBox(fixedKeySource(new Uint8Array(length)))).toThrow(
      `master key must be 32 bytes, got ${length}`,
    );
  });

  it('copies the master key, so later changes to the caller’s buffer do not affect it', () => {
    const bytes = key(9);
    const own = new KeyringSecretBox(fixedKeySource(bytes));
    const sealed = own.seal(SECRET, ID);
    bytes.fill(0);
    expect(own.open(sealed, ID)).toBe(SECRET);
  });
});

describe('KeyringSecretBox: legacy v1 values', () => {
  it('opens a value written by the v1 box, with the key alone or among others', () => {
    expect(boxOf(7).open(LEGACY_V1, ID)).toBe(SECRET);
    const ring = new KeyringSecretBox(new FakeSource({ sealing: key(1), others: [key(7)] }));
    expect(ring.open(LEGACY_V1, ID)).toBe(SECRET);
  });

  it('refuses it under another key or for another AccessKeyId', () => {
    expect(() => boxOf(8).open(LEGACY_V1, ID)).toThrow();
    expect(() => boxOf(7).open(LEGACY_V1, OTHER_ID)).toThrow();
  });
});

describe('KeyringSecretBox: several keys', () => {
  it('seals under the sealing key and opens under every key of the ring', () => {
    const ring = new KeyringSecretBox(new FakeSource({ sealing: key(2), others: [key(1)] }));
    expect(ring.sealingKeyId).toBe(masterKeyId(key(2)));
    expect(ring.keyIds()).toEqual([masterKeyId(key(2)), masterKeyId(key(1))]);
    expect(ring.open(boxOf(1).seal(SECRET, ID), ID)).toBe(SECRET);
    expect(boxOf(2).open(ring.seal(SECRET, ID), ID)).toBe(SECRET);
  });

  it('re-reads the source when a value names an unknown key, once the source changed', () => {
    const source = new FakeSource({ sealing: key(1), others: [] });
    const ring = new KeyringSecretBox(source);
    source.set({ sealing: key(2), others: [key(1)] });
    expect(ring.open(boxOf(2).seal(SECRET, ID), ID)).toBe(SECRET);
    expect(ring.sealingKeyId).toBe(masterKeyId(key(2)));
    expect(source.loads).toBe(2);
  });

  it('re-reads an unchanged source at most once per interval, however many unknown values it meets', () => {
    let now = 0;
    const source = new FakeSource({ sealing: key(1), others: [] });
    const ring = new KeyringSecretBox(source, { now: () => now, minReloadIntervalMs: 1000 });
    const foreign = boxOf(3).seal(SECRET, ID);
    for (let i = 0; i < 100; i += 1) expect(() => ring.open(foreign, ID)).toThrow(/unknown master key/);
    expect(source.loads).toBe(1);
    now = 1000;
    expect(() => ring.open(foreign, ID)).toThrow(/unknown master key/);
    expect(source.loads).toBe(2);
  });

  it('picks up a change the stamp does not show once the interval has passed', () => {
    let now = 0;
    const source = new FakeSource({ sealing: key(1), others: [] });
    const ring = new KeyringSecretBox(source, { now: () => now });
    source.set({ sealing: key(2), others: [key(1)] }, false);
    expect(ring.refresh()).toBe(false);
    now = 1000;
    expect(ring.refresh()).toBe(true);
    expect(ring.sealingKeyId).toBe(masterKeyId(key(2)));
  });

  it('reports whether a refresh changed the keys, and drops keys the source no longer holds', () => {
    const source = new FakeSource({ sealing: key(2), others: [key(1)] });
    const ring = new KeyringSecretBox(source);
    source.set({ sealing: key(2), others: [key(1)] });
    expect(ring.refresh()).toBe(false);
    source.set({ sealing: key(2), others: [] });
    expect(ring.refresh()).toBe(true);
    expect(ring.keyIds()).toEqual([masterKeyId(key(2))]);
  });

  it('keeps its keys when the source cannot be read', () => {
    const source = new FakeSource({ sealing: key(1), others: [] });
    const ring = new KeyringSecretBox(source);
    source.failing = true;
    source.set({ sealing: key(2), others: [] });
    expect(ring.refresh()).toBe(false);
    expect(ring.open(ring.seal(SECRET, ID), ID)).toBe(SECRET);
    expect(ring.sealingKeyId).toBe(masterKeyId(key(1)));
  });

  it('fails to construct when the source has no usable key', () => {
    const source = new FakeSource({ sealing: key(1), others: [] });
    source.failing = true;
    expect(() => new KeyringSecretBox(source)).toThrow('key file unreadable');
  });
});

describe('KeyringSecretBox remembers opened secrets', () => {
  it('answers a repeated open from memory, still bound to its AccessKeyId', () => {
    const box = boxOf(3);
    const sealed = box.seal('secret-value', 'LTAIK1');
    expect(box.open(sealed, 'LTAIK1')).toBe('secret-value');
    expect(box.open(sealed, 'LTAIK1')).toBe('secret-value');
    expect(() => box.open(sealed, 'LTAIK2')).toThrow();
  });

  it('never answers a tampered value from memory', () => {
    const box = boxOf(4);
    const sealed = box.seal('secret-value', 'LTAIK1');
    expect(box.open(sealed, 'LTAIK1')).toBe('secret-value');
    expect(() => box.open(tamper(sealed, sealed.length - 3), 'LTAIK1')).toThrow();
  });
});
