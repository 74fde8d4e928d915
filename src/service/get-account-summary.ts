/** GetAccountSummary: the account's usage of the entities akm manages, and their quotas. */
import { MAX_ACCESS_KEYS_PER_OWNER, MAX_USERS_PER_ACCOUNT } from '../domain/limits.js';
import type { Principal } from '../domain/principal.js';
import type { ServiceDeps } from './service-deps.js';

/** The figures IAM's SummaryMap reports for what akm has. */
export interface AccountSummary {
  readonly users: number;
  readonly usersQuota: number;
  readonly accessKeysPerUserQuota: number;
  /** Whether the account root holds any AccessKey (1) or none (0). */
  readonly accountAccessKeysPresent: number;
  /** akm has no MFA: always 0. */
  readonly accountMfaEnabled: number;
}

/** Counts the caller's account. */
export async function getAccountSummary(deps: ServiceDeps, caller: Principal): Promise<AccountSummary> {
  const [users, rootKeys] = await Promise.all([
    deps.store.countUsers(caller.accountId),
    deps.store.listAccessKeys({ kind: 'root', accountId: caller.accountId }),
  ]);
  return {
    users,
    usersQuota: MAX_USERS_PER_ACCOUNT,
    accessKeysPerUserQuota: MAX_ACCESS_KEYS_PER_OWNER,
    accountAccessKeysPresent: rootKeys.length > 0 ? 1 : 0,
    accountMfaEnabled: 0,
  };
}
