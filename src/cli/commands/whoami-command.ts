/** `akm whoami`: which account and identity the credentials belong to (GetCallerIdentity). */
import { getCallerIdentityOperation } from '../../protocol/operations/caller-identity-operation.js';
import { type JsonObject, readString } from '../api/ram-fields.js';
import { formatFields } from '../output/table.js';
import { callOnce, defineApiCommand } from './api-command.js';

/** `root`, or `user NAME`, from a GetCallerIdentity response. */
export function describeIdentity(identity: JsonObject): string {
  const userName = readString(identity, 'userName');
  return userName === undefined ? 'root' : `user ${userName}`;
}

/** `akm whoami`. */
export const whoamiCommand = defineApiCommand({
  path: ['whoami'],
  summary: 'Show the account, identity (root or user) and AccessKeyId of the credentials in use',
  usage: 'whoami',
  details: 'Calls GetCallerIdentity, which every valid key may call whatever its permissions.',
  plan: () =>
    callOnce(getCallerIdentityOperation, {}, (identity) =>
      formatFields([
        ['Account', readString(identity, 'accountId') ?? ''],
        ['Identity', describeIdentity(identity)],
        ['AccessKeyId', readString(identity, 'accessKeyId') ?? ''],
      ]),
    ),
});
