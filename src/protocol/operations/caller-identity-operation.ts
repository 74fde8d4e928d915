/**
 * GetCallerIdentity: who signed the request (account, root or user, AccessKeyId). An akm extension to the
 * RAM API, shaped like Alibaba Cloud STS's GetCallerIdentity (IdentityType `Account` or `RAMUser`), so that
 * clients such as `akm whoami` need no privileges beyond a valid key.
 */
import { defineOperation } from './operation.js';

/** GetCallerIdentity: read-only, open to every authenticated caller, touches no stored data. */
export const getCallerIdentityOperation = defineOperation({
  name: 'GetCallerIdentity',
  permission: { level: 'identity', selfServiceKeys: false },
  input: {},
  async execute({ caller }) {
    return {
      identityType: caller.kind === 'root' ? 'Account' : 'RAMUser',
      accountId: caller.accountId,
      // As STS does: the root's UserId is its account id.
      userId: caller.userId ?? caller.accountId,
      userName: caller.userName,
      accessKeyId: caller.accessKeyId,
    };
  },
});
