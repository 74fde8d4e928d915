/** STS GetCallerIdentity: the caller's AWS account id, ARN and UserId; needs no permission. */
import { awsAccountIdOf, iamUserIdOf, principalArnOf } from '../../domain/iam-identifiers.js';
import { defineOperation } from './operation.js';

/** GetCallerIdentity as STS answers it (the root's UserId is its account id). */
export const getStsCallerIdentityOperation = defineOperation({
  name: 'GetCallerIdentity',
  permission: { level: 'identity', selfServiceKeys: false },
  input: {},
  async execute({ caller }) {
    const account = awsAccountIdOf(caller.accountId);
    return {
      account,
      arn: principalArnOf(caller),
      userId: caller.userId === null ? account : iamUserIdOf(caller.userId),
    };
  },
});
