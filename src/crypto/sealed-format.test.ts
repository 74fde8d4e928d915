// The sealed-value text format: key ids, prefixes, and parsing of v2 and legacy v1 values.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatSealed, masterKeyId, parseSealed, sealedPrefix } from './sealed-format.js';

const KEY = Buffer.alloc(32, 0x5a);
const PAYLOAD = Buffer.from('0123456789abcdef0123456789abcdef', 'utf8');

describe('sealed format', () => {
  it('names a key by the first 16 hex digits of its SHA-256', () => {
    expect(masterKeyId(KEY)).toBe(createHash('sha256').update(KEY).digest('hex').slice(0, 16));
  });

  it('formats v2.<key id>.<base64>, starting with the key’s prefix', () => {
    const id = masterKeyId(KEY);
    const sealed = formatSealed(id, PAYLOAD);
    expect(sealed).toBe(`v2.${id}.${PAYLOAD.toString('base64')}`);
    expect(sealed.startsWith(sealedPrefix(id))).toBe(true);
    expect(parseSealed(sealed)).toEqual({ keyId: id, payload: PAYLOAD });
  });

  it('parses a v1 value as having no key id', () => {
    expect(parseSealed(`v1.${PAYLOAD.toString('base64')}`)).toEqual({ keyId: undefined, payload: PAYLOAD });
  });

  it.each([
    '',
    'v2',
    'v2.',
    `v2.${PAYLOAD.toString('base64')}`,
    `v2.0123456789abcdeF.${PAYLOAD.toString('base64')}`,
    `v2.0123456789abcde.${PAYLOAD.toString('base64')}`,
    'v2.0123456789abcdef.',
    'v2.0123456789abcdef.not base64!',
    `v2.0123456789abcdef.x.${PAYLOAD.toString('base64')}`,
    `v1.0123456789abcdef.${PAYLOAD.toString('base64')}`,
    'v1.',
    `v3.${PAYLOAD.toString('base64')}`,
  ])('rejects %j', (sealed) => {
    expect(() => parseSealed(sealed)).toThrow('unsupported sealed secret format');
  });
});
