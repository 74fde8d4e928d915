/**
 * The master key check value: a known plaintext sealed under the master key and kept in the store's
 * meta, so a node (or a restore) with the wrong key is refused up front instead of failing per request.
 */
import type { SecretBox } from '../domain/ports.js';

/** The meta entry holding the check value. */
export const MASTER_KEY_CHECK = 'master_key_check';

const CHECK_PLAINTEXT = 'akm master key check';

/** A new check value sealed under the box's sealing key. */
export function sealCheckValue(box: SecretBox): string {
  return box.seal(CHECK_PLAINTEXT, MASTER_KEY_CHECK);
}

/** Whether `box` opens `checkValue` (a wrong key, a tampered value and an unknown format all say no). */
export function opensCheckValue(box: SecretBox, checkValue: string): boolean {
  try {
    return box.open(checkValue, MASTER_KEY_CHECK) === CHECK_PLAINTEXT;
  } catch {
    return false;
  }
}
