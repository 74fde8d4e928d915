/**
 * `akm key create|list|enable|disable|delete|last-used|usage`: one AccessKey operation each. Without
 * `--user` they act on the caller's own keys, as RAM does.
 */
import type { AccessKeyStatus } from '../../domain/entities.js';
import {
  createAccessKeyOperation,
  deleteAccessKeyOperation,
  getAccessKeyLastUsedOperation,
  listAccessKeysOperation,
  listAccessKeyUsageOperation,
  updateAccessKeyOperation,
} from '../../protocol/operations/access-key-operations.js';
import { toRamName } from '../../protocol/ram-rpc/ram-names.js';
import { readList, readObject, readString } from '../api/ram-fields.js';
import type { Command, OptionValues } from '../command.js';
import { optionalString, requiredString } from '../option-values.js';
import { formatItems, formatObject } from '../output/render-response.js';
import { formatFields } from '../output/table.js';
import { type ApiCall, callOnce, defineApiCommand } from './api-command.js';

const USER_HELP = "  --user NAME        the RAM user whose key it is (default: the caller's own keys)";

/** `akm key create`: the secret is printed this once, with a warning on stderr. */
export const keyCreateCommand = defineApiCommand({
  path: ['key', 'create'],
  summary: 'Create an AccessKey pair and print its secret once (CreateAccessKey)',
  usage: 'key create [--user NAME]',
  details: `${USER_HELP}\n\nThe secret cannot be shown again; --output json prints the full response for scripts.`,
  options: { user: { type: 'string' } },
  plan(values) {
    const created = callOnce(
      createAccessKeyOperation,
      { userName: optionalString(values, 'user') },
      (response) => formatObject(readObject(response, 'accessKey')),
    );
    return async (client, io) => {
      const rendered = await created(client, io);
      io.stderr('akm: this AccessKey secret is shown only now and cannot be shown again; store it safely.\n');
      return rendered;
    };
  },
});

/** `akm key list`. */
export const keyListCommand = defineApiCommand({
  path: ['key', 'list'],
  summary: 'List AccessKeys, never their secrets (ListAccessKeys)',
  usage: 'key list [--user NAME]',
  details: USER_HELP,
  options: { user: { type: 'string' } },
  plan: (values) =>
    callOnce(listAccessKeysOperation, { userName: optionalString(values, 'user') }, (response) =>
      formatItems(readList(response, 'accessKeys', 'accessKey'), ['accessKeyId', 'status', 'createDate']),
    ),
});

/** The input naming one key, and how to describe its owner in a confirmation. */
interface KeyTarget {
  readonly input: { readonly userName: string | undefined; readonly accessKeyId: string };
  /** `user NAME` or `your own`. */
  readonly owner: string;
}

function keyTarget(values: OptionValues): KeyTarget {
  const userName = optionalString(values, 'user');
  return {
    input: { userName, accessKeyId: requiredString(values, 'key-id') },
    owner: userName === undefined ? 'your own' : `user ${userName}`,
  };
}

/** A command acting on one key given by `--key-id` (and `--user`, else the caller's own). */
function oneKeyCommand(word: string, summary: string, plan: (target: KeyTarget) => ApiCall): Command {
  return defineApiCommand({
    path: ['key', word],
    summary,
    usage: `key ${word} --key-id ID [--user NAME]`,
    details: USER_HELP,
    options: { user: { type: 'string' }, 'key-id': { type: 'string' } },
    plan: (values) => plan(keyTarget(values)),
  });
}

/** UpdateAccessKey to `status`, confirmed in table mode with `verb`. */
function setStatus(status: AccessKeyStatus, verb: string) {
  return ({ input, owner }: KeyTarget): ApiCall =>
    callOnce(
      updateAccessKeyOperation,
      { ...input, status },
      () => `${verb} AccessKey ${input.accessKeyId} (${owner}).\n`,
    );
}

/** `akm key enable`: UpdateAccessKey to Active. */
export const keyEnableCommand = oneKeyCommand(
  'enable',
  'Set an AccessKey Active (UpdateAccessKey)',
  setStatus('Active', 'Enabled'),
);

/** `akm key disable`: UpdateAccessKey to Inactive. */
export const keyDisableCommand = oneKeyCommand(
  'disable',
  'Set an AccessKey Inactive (UpdateAccessKey)',
  setStatus('Inactive', 'Disabled'),
);

/** `akm key delete`. */
export const keyDeleteCommand = oneKeyCommand(
  'delete',
  'Delete an AccessKey (DeleteAccessKey)',
  ({ input, owner }) =>
    callOnce(deleteAccessKeyOperation, input, () => `Deleted AccessKey ${input.accessKeyId} (${owner}).\n`),
);

/** What `key last-used` shows of a use, after the date. */
const LAST_USE_FIELDS = ['serviceName', 'region', 'sourceIp', 'userAgent', 'action'] as const;

/** `akm key last-used`: when, through which service, from where and doing what. */
export const keyLastUsedCommand = oneKeyCommand(
  'last-used',
  'Show when, where from and for what an AccessKey last signed a request (GetAccessKeyLastUsed)',
  ({ input }) =>
    callOnce(getAccessKeyLastUsedOperation, input, (response) => {
      const use = readObject(response, 'accessKeyLastUsed');
      const date = readString(use, 'lastUsedDate');
      const details = LAST_USE_FIELDS.flatMap((field): Array<[string, string]> => {
        const value = readString(use, field);
        return value === undefined ? [] : [[toRamName(field), value]];
      });
      return formatFields([
        ['AccessKeyId', input.accessKeyId],
        ['LastUsedDate', date ?? 'never'],
        ...details,
      ]);
    }),
);

/** `akm key usage`: requests per day and service. */
export const keyUsageCommand = oneKeyCommand(
  'usage',
  'Show how many requests an AccessKey signed per day and service (ListAccessKeyUsage)',
  ({ input }) =>
    callOnce(listAccessKeyUsageOperation, input, (response) =>
      formatItems(readList(response, 'usage', 'dailyUsage'), ['date', 'serviceName', 'requestCount']),
    ),
);
