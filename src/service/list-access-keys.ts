/** ListAccessKeys: the keys of a user or of the caller; secrets are never listed. */
import type { AccessKey } from '../domain/entities.js';
import type { Principal } from '../domain/principal.js';
import { resolveKeyOwner } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';

/** Lists the keys of `userName` (or the caller), oldest first. */
export async function listAccessKeys(
  deps: ServiceDeps,
  caller: Principal,
  userName: string | undefined,
): Promise<{ keys: AccessKey[]; userName: string | null }> {
  const { owner, userName: ownerName } = await resolveKeyOwner(deps.store, caller, userName);
  return { keys: await deps.store.listAccessKeys(owner), userName: ownerName };
}
