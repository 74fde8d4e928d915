/**
 * The text form of a sealed secret: `v2.<keyId>.<base64(iv | ciphertext | tag)>`, where keyId names the
 * master key that sealed it. Values written before key ids existed read as `v1.<base64>` (no key id).
 */
import { createHash } from 'node:crypto';

/** A parsed sealed value. */
export interface SealedValue {
  /** The sealing master key's id; undefined for `v1` values, which do not record it. */
  readonly keyId: string | undefined;
  readonly payload: Buffer;
}

const KEY_ID = /^[0-9a-f]{16}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A master key's public id: the first 16 hex digits of its SHA-256 (it reveals nothing usable). */
export function masterKeyId(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** What every value sealed under the key `keyId` starts with. */
export function sealedPrefix(keyId: string): string {
  return `v2.${keyId}.`;
}

/** Writes a value sealed under the key `keyId`. */
export function formatSealed(keyId: string, payload: Buffer): string {
  return `${sealedPrefix(keyId)}${payload.toString('base64')}`;
}

/** Parses a `v2.` or `v1.` value; throws on anything else. */
export function parseSealed(sealed: string): SealedValue {
  const parts = sealed.split('.');
  const [version] = parts;
  const keyId = version === 'v2' && parts.length === 3 ? parts[1] : undefined;
  const encoded = parts.at(-1) ?? '';
  const wellFormed =
    ((version === 'v1' && parts.length === 2) || (keyId !== undefined && KEY_ID.test(keyId))) &&
    BASE64.test(encoded);
  if (!wellFormed) throw new Error('unsupported sealed secret format');
  return { keyId, payload: Buffer.from(encoded, 'base64') };
}
