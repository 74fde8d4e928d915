/** Creates an account (tenant) with its root AccessKey pair; used by `akm init` and `akm account create`. */
import { type AuditEvent, auditTarget } from '../domain/audit.js';
import type { AccessKey } from '../domain/entities.js';
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
 * Creates the account, its default preferences, its root key and the operator's CreateAccount audit
 * event in one store transaction.
 */
export async function createAccount(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'ids' | 'secretBox'>,
  operator: Operator,
): Promise<CreatedAccount> {
  const now = deps.clock.now();
  const accountId = deps.ids.accountId();
  const accessKeyId = deps.ids.accessKeyId();
  const accessKeySecret = deps.ids.accessKeySecret();
  // The operator's CreateAccount is the new account's first audit event, committed with it.
  const created: AuditEvent = {
    eventId: deps.ids.requestId(),
    eventTime: now,
    accountId,
    actorType: 'Operator',
    actorAccessKeyId: null,
    actorUserName: operator.userName,
    action: 'CreateAccount',
    target: auditTarget.account(accountId),
    sourceIp: null,
    userAgent: 'akm-cli',
    result: 'Success',
    errorCode: null,
  };
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
    (rootKey) => deps.store.createAccount({ accountId, createDate: now }, rootKey, created),
  );
  return { accountId, accessKeyId, accessKeySecret };
}
