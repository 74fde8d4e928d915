/** GetAccountSummary (IAM): the account's user count and the quotas akm enforces, as a key/value map. */
import { getAccountSummary } from '../../service/get-account-summary.js';
import { defineOperation } from './operation.js';
import { listOf } from './output.js';

/** GetAccountSummary: a read operation on the whole account. */
export const getAccountSummaryOperation = defineOperation({
  name: 'GetAccountSummary',
  permission: { level: 'read', selfServiceKeys: false },
  input: {},
  async execute({ deps, caller }) {
    const summary = await getAccountSummary(deps, caller);
    const entries = [
      ['AccessKeysPerUserQuota', summary.accessKeysPerUserQuota],
      ['AccountAccessKeysPresent', summary.accountAccessKeysPresent],
      ['AccountMFAEnabled', summary.accountMfaEnabled],
      ['Users', summary.users],
      ['UsersQuota', summary.usersQuota],
    ] as const;
    return {
      summaryMap: listOf(
        'entry',
        entries.map(([key, value]) => ({ key, value })),
      ),
    };
  },
});
