/** GetAccessKeyLastUsed: when, and through which service and region, a key last authenticated a request. */
import type { LastUse } from '../domain/entities.js';
import { AkmError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { resolveKeyOwner } from './resolve-key-owner.js';
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
  const { owner, userName } = await resolveKeyOwner(deps.store, caller, input.userName);
  const key = await deps.store.getAccessKey(input.accessKeyId);
  const owned =
    key !== undefined &&
    key.accountId === owner.accountId &&
    key.userId === (owner.kind === 'user' ? owner.userId : null);
  if (!owned) throw new AkmError('ACCESS_KEY_OF_USER_NOT_FOUND', { entity: input.accessKeyId });
  return { lastUse: deps.lastUse.lastUsed(key), userName };
}
