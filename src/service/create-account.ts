/** Creates an account (tenant) with its root AccessKey pair; used by `akm init` and `akm account create`. */
import { auditTarget } from '../domain/audit.js';
import type { AccessKey } from '../domain/entities.js';
import { appendAuditEvent } from './audit-log.js';
import type { ServiceDeps } from './service-deps.js';
import { storeSealed } from './store-sealed.js';

/** The new account and its root key, including the secret (shown once to the operator). */
export interface CreatedAccount {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** Who creates accounts: an operator on the host, by the OS user name when known. */
export interface Operator {
  readonly userName: string | null;
}

/**
 * Creates the account, its default preferences and its root key in one store transaction, then records
 * the operator's CreateAccount in the new account's audit log.
 */
export async function createAccount(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'ids' | 'secretBox' | 'logger'>,
  operator: Operator,
): Promise<CreatedAccount> {
  const now = deps.clock.now();
  const accountId = deps.ids.accountId();
  const accessKeyId = deps.ids.accessKeyId();
  const accessKeySecret = deps.ids.accessKeySecret();
  await storeSealed(
    deps.secretBox,
    (): AccessKey => ({
      accessKeyId,
      accountId,
      userId: null,
      status: 'Active',
      createDate: now,
      encryptedSecret: deps.secretBox.seal(accessKeySecret, accessKeyId),
      lastUsedDate: null,
    }),
    (rootKey) => deps.store.createAccount({ accountId, createDate: now }, rootKey),
  );
  const actor = {
    accountId,
    actorType: 'Operator',
    actorAccessKeyId: null,
    actorUserName: operator.userName,
    sourceIp: null,
    userAgent: 'akm-cli',
  } as const;
  await appendAuditEvent(deps, actor, {
    eventId: deps.ids.requestId(),
    action: 'CreateAccount',
    target: auditTarget.account(accountId),
    errorCode: null,
  });
  return { accountId, accessKeyId, accessKeySecret };
}
