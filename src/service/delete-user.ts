/** DeleteUser: removes a user that holds no AccessKeys and no policies. */
import type { Principal } from '../domain/principal.js';
import type { AuditStamp } from './audit-log.js';
import { requireUser } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';

/** Deletes the user; the store refuses atomically while keys or policies remain (DeleteConflict). */
export async function deleteUser(
  deps: ServiceDeps,
  caller: Principal,
  userName: string,
  audit: AuditStamp,
): Promise<void> {
  const user = await requireUser(deps.store, caller.accountId, userName);
  await deps.store.deleteUser(caller.accountId, user.userId, audit.event());
}
