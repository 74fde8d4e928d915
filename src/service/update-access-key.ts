/** UpdateAccessKey: switches a key between Active and Inactive. */
import type { AccessKeyStatus } from '../domain/entities.js';
import { AkmError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import type { AuditStamp } from './audit-log.js';
import { resolveKeyOwner } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';

/** Sets the status of one of the owner's keys, or fails with ACCESS_KEY_OF_USER_NOT_FOUND. */
export async function updateAccessKey(
  deps: ServiceDeps,
  caller: Principal,
  input: { userName: string | undefined; accessKeyId: string; status: AccessKeyStatus },
  audit: AuditStamp,
): Promise<void> {
  const { owner } = await resolveKeyOwner(deps.store, caller, input.userName);
  const updated = await deps.store.updateAccessKeyStatus(
    owner,
    input.accessKeyId,
    input.status,
    audit.event(),
  );
  if (!updated) throw new AkmError('ACCESS_KEY_OF_USER_NOT_FOUND', { entity: input.accessKeyId });
}
