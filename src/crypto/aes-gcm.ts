/** AES-256-GCM with associated data: the one cipher akm seals AccessKey secrets with. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The length in bytes of a master key. */
export const MASTER_KEY_BYTES = 32;

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Throws unless `key` is a 32-byte AES-256 key. */
export function assertMasterKey(key: Uint8Array): void {
  if (key.length !== MASTER_KEY_BYTES) {
    throw new Error(`master key must be ${MASTER_KEY_BYTES} bytes, got ${key.length}`);
  }
}

/** Encrypts `plaintext` under `key` with a fresh IV, binding `aad`: returns `iv | ciphertext | tag`. */
export function encryptAesGcm(key: Uint8Array, plaintext: string, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/**
 * Decrypts `iv | ciphertext | tag`; throws when the key, the associated data or any byte is wrong (the
 * causes are deliberately indistinguishable).
 */
export function decryptAesGcm(key: Uint8Array, raw: Buffer, aad: string): string {
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('sealed secret is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}
