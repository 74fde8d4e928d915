/** Creates an account (tenant) with its root AccessKey pair; used by `akm init` and `akm account create`. */
import type { AccessKey } from '../domain/entities.js';
import type { ServiceDeps } from './service-deps.js';
import { storeSealed } from './store-sealed.js';

/** The new account and its root key, including the secret (shown once to the operator). */
export interface CreatedAccount {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** Creates the account, its default preferences and its root key in one store transaction. */
export async function createAccount(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'ids' | 'secretBox'>,
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
  return { accountId, accessKeyId, accessKeySecret };
}
