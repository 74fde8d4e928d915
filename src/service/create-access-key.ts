/** CreateAccessKey: a new Active key pair for a user or the root; the secret is returned only here. */
import { auditTarget } from '../domain/audit.js';
import type { AccessKey, AccessKeyFormat } from '../domain/entities.js';
import { MAX_ACCESS_KEYS_PER_OWNER } from '../domain/limits.js';
import type { Principal } from '../domain/principal.js';
import type { AuditStamp } from './audit-log.js';
import { resolveKeyOwner } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';
import { storeSealed } from './store-sealed.js';

/** A freshly created key with its plaintext secret (never stored, never logged). */
export interface CreatedAccessKey {
  readonly key: AccessKey;
  readonly secret: string;
  readonly userName: string | null;
}

/**
 * Creates a key for `userName` (or the caller) in `format`, which the wire creating it chooses; the
 * per-owner limit is enforced by the store atomically.
 */
export async function createAccessKey(
  deps: ServiceDeps,
  caller: Principal,
  userName: string | undefined,
  format: AccessKeyFormat,
  audit: AuditStamp,
): Promise<CreatedAccessKey> {
  const { owner, userName: ownerName } = await resolveKeyOwner(deps.store, caller, userName);
  const accessKeyId = deps.ids.accessKeyId(format);
  const secret = deps.ids.accessKeySecret(format);
  const createDate = deps.clock.now();
  const key = await storeSealed(
    deps.secretBox,
    (): AccessKey => ({
      accessKeyId,
      accountId: owner.accountId,
      userId: owner.kind === 'user' ? owner.userId : null,
      status: 'Active',
      createDate,
      encryptedSecret: deps.secretBox.seal(secret, accessKeyId),
      lastUsedDate: null,
    }),
    (sealed) =>
      deps.store.createAccessKey(
        sealed,
        MAX_ACCESS_KEYS_PER_OWNER,
        audit.event(auditTarget.accessKey(ownerName, accessKeyId)),
      ),
  );
  return { key, secret, userName: ownerName };
}
