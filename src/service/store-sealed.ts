/** Stores an entity holding a freshly sealed secret, resealing once if a master-key rotation overtook it. */
import { isAkmError } from '../domain/errors.js';
import type { SecretBox } from '../domain/ports.js';

/**
 * Builds the entity with `build` (which seals its secret) and writes it with `write`. When the store
 * refuses it with SEALING_KEY_RETIRED — a rotation committed between sealing and writing — the box
 * re-reads its keys and the entity is rebuilt under its sealing key and written once more (whether or
 * not this refresh changed anything: a concurrent request may already have picked up the new key).
 * Returns the entity that was stored.
 */
export async function storeSealed<T>(
  box: SecretBox,
  build: () => T,
  write: (entity: T) => Promise<void>,
): Promise<T> {
  const first = build();
  try {
    await write(first);
    return first;
  } catch (error) {
    if (!isAkmError(error, 'SEALING_KEY_RETIRED')) throw error;
  }
  box.refresh();
  const second = build();
  await write(second);
  return second;
}
