/** DeleteAccessKey: removes a key for good; requests it signs are refused from then on. */
import { AkmError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import type { AuditStamp } from './audit-log.js';
import { resolveKeyOwner } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';

/** Deletes one of the owner's keys, or fails with ACCESS_KEY_OF_USER_NOT_FOUND. */
export async function deleteAccessKey(
  deps: ServiceDeps,
  caller: Principal,
  input: { userName: string | undefined; accessKeyId: string },
  audit: AuditStamp,
): Promise<void> {
  const { owner } = await resolveKeyOwner(deps.store, caller, input.userName);
  const deleted = await deps.store.deleteAccessKey(owner, input.accessKeyId, audit.event());
  if (!deleted) throw new AkmError('ACCESS_KEY_OF_USER_NOT_FOUND', { entity: input.accessKeyId });
}
