/** GetAccessKeyLastUsed: when, through which service and region, from where and doing what a key was last used. */
import type { LastUse } from '../domain/entities.js';
import type { Principal } from '../domain/principal.js';
import { requireOwnedKey } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';

/**
 * The key's last use including uses not yet flushed (null when never used) and its owner's name (null
 * for the root), or ACCESS_KEY_OF_USER_NOT_FOUND when the owner has no such key.
 */
export async function getAccessKeyLastUsed(
  deps: ServiceDeps,
  caller: Principal,
  input: { userName: string | undefined; accessKeyId: string },
): Promise<{ lastUse: LastUse | null; userName: string | null }> {
  const { key, userName } = await requireOwnedKey(deps.store, caller, input);
  return { lastUse: deps.lastUse.lastUsed(key), userName };
}
