/** The AccessKey operations: Create, Delete, Update, List and GetAccessKeyLastUsed. */
import { auditTarget } from '../../domain/audit.js';
import { AkmError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import { createAccessKey } from '../../service/create-access-key.js';
import { deleteAccessKey } from '../../service/delete-access-key.js';
import { getAccessKeyLastUsed } from '../../service/get-access-key-last-used.js';
import { listAccessKeyUsage } from '../../service/list-access-key-usage.js';
import { listAccessKeys } from '../../service/list-access-keys.js';
import { updateAccessKey } from '../../service/update-access-key.js';
import { defineOperation } from './operation.js';
import { listOf } from './output.js';
import { accessKeyView, lastUseView } from './views.js';

const KEY_WRITE = { level: 'write', selfServiceKeys: true } as const;
const KEY_READ = { level: 'read', selfServiceKeys: true } as const;
const byUserName = (input: { userName: string | undefined }) => input.userName;
/** The owner whose keys an input names: the user given, else the caller (null for the root). */
const ownerName = (input: { userName: string | undefined }, caller: Principal) =>
  input.userName ?? caller.userName;
/** The audit target of the key an input names. */
const keyTarget = (input: { userName: string | undefined; accessKeyId: string }, caller: Principal) =>
  auditTarget.accessKey(ownerName(input, caller), input.accessKeyId);

/** CreateAccessKey: the only response that ever carries a secret; the key's format is the wire's. */
export const createAccessKeyOperation = defineOperation({
  name: 'CreateAccessKey',
  permission: KEY_WRITE,
  input: { userName: { type: 'string' } },
  targetUserName: byUserName,
  // The owner's keys; a created key is named by the service, which knows its id.
  auditTarget: (input, caller) => auditTarget.accessKeys(ownerName(input, caller)),
  async execute({ deps, caller, keyFormat, audit }, input) {
    const { key, secret, userName } = await createAccessKey(deps, caller, input.userName, keyFormat, audit);
    return { accessKey: { ...accessKeyView(key, userName), accessKeySecret: secret } };
  },
});

/** DeleteAccessKey. */
export const deleteAccessKeyOperation = defineOperation({
  name: 'DeleteAccessKey',
  permission: KEY_WRITE,
  input: { userName: { type: 'string' }, accessKeyId: { type: 'string', required: true } },
  targetUserName: byUserName,
  auditTarget: keyTarget,
  async execute({ deps, caller, audit }, input) {
    await deleteAccessKey(deps, caller, input, audit);
    return {};
  },
});

/** UpdateAccessKey: Status is `Active` or `Inactive`. */
export const updateAccessKeyOperation = defineOperation({
  name: 'UpdateAccessKey',
  permission: KEY_WRITE,
  input: {
    userName: { type: 'string' },
    accessKeyId: { type: 'string', required: true },
    status: { type: 'string', required: true },
  },
  targetUserName: byUserName,
  auditTarget: keyTarget,
  async execute({ deps, caller, audit }, input) {
    const status = input.status;
    if (status !== 'Active' && status !== 'Inactive') {
      throw new AkmError('INVALID_VALUE', { field: 'status', value: status });
    }
    await updateAccessKey(deps, caller, { ...input, status }, audit);
    return {};
  },
});

/** ListAccessKeys, oldest first, paged by Marker/MaxItems (an owner holds at most two keys). */
export const listAccessKeysOperation = defineOperation({
  name: 'ListAccessKeys',
  permission: KEY_READ,
  input: { userName: { type: 'string' }, marker: { type: 'string' }, maxItems: { type: 'integer' } },
  targetUserName: byUserName,
  async execute({ deps, caller }, input) {
    const page = await listAccessKeys(deps, caller, input);
    return {
      userName: page.userName,
      accessKeys: listOf(
        'accessKey',
        page.items.map((key) => accessKeyView(key, page.userName)),
      ),
      isTruncated: page.isTruncated,
      marker: page.marker,
    };
  },
});

/** GetAccessKeyLastUsed: date, service and region of the last use (all null for a never-used key). */
export const getAccessKeyLastUsedOperation = defineOperation({
  name: 'GetAccessKeyLastUsed',
  permission: KEY_READ,
  input: { userName: { type: 'string' }, accessKeyId: { type: 'string', required: true } },
  targetUserName: byUserName,
  async execute({ deps, caller }, input) {
    const { lastUse, userName } = await getAccessKeyLastUsed(deps, caller, input);
    return { userName, accessKeyLastUsed: lastUseView(lastUse) };
  },
});

/** ListAccessKeyUsage (akm): the key's request counts per UTC day and service, newest day first. */
export const listAccessKeyUsageOperation = defineOperation({
  name: 'ListAccessKeyUsage',
  permission: KEY_READ,
  input: { userName: { type: 'string' }, accessKeyId: { type: 'string', required: true } },
  targetUserName: byUserName,
  async execute({ deps, caller }, input) {
    const { usage, userName } = await listAccessKeyUsage(deps, caller, input);
    return {
      userName,
      accessKeyId: input.accessKeyId,
      usage: listOf(
        'dailyUsage',
        usage.map((u) => ({ date: u.day, serviceName: u.serviceName, requestCount: u.requestCount })),
      ),
    };
  },
});
