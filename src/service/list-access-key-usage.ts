/** ListAccessKeyUsage: how many requests a key signed per UTC day and service (akm's own and verified ones). */
import type { DailyUsage } from '../domain/entities.js';
import type { Principal } from '../domain/principal.js';
import { requireOwnedKey } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';

/**
 * The key's daily counts including uses not yet flushed, newest day first, with its owner's name (null
 * for the root); ACCESS_KEY_OF_USER_NOT_FOUND when the owner has no such key.
 */
export async function listAccessKeyUsage(
  deps: ServiceDeps,
  caller: Principal,
  input: { userName: string | undefined; accessKeyId: string },
): Promise<{ usage: DailyUsage[]; userName: string | null }> {
  const { key, userName } = await requireOwnedKey(deps.store, caller, input);
  const persisted = await deps.store.listDailyUsage(key.accessKeyId);
  return { usage: deps.lastUse.dailyUsage(key.accessKeyId, persisted), userName };
}
