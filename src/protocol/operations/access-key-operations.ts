/** The AccessKey operations: Create, Delete, Update, List and GetAccessKeyLastUsed. */
import { AkmError } from '../../domain/errors.js';
import { createAccessKey } from '../../service/create-access-key.js';
import { deleteAccessKey } from '../../service/delete-access-key.js';
import { getAccessKeyLastUsed } from '../../service/get-access-key-last-used.js';
import { listAccessKeys } from '../../service/list-access-keys.js';
import { updateAccessKey } from '../../service/update-access-key.js';
import { defineOperation } from './operation.js';
import { listOf } from './output.js';
import { accessKeyView } from './views.js';

const KEY_WRITE = { level: 'write', selfServiceKeys: true } as const;
const KEY_READ = { level: 'read', selfServiceKeys: true } as const;
const byUserName = (input: { userName: string | undefined }) => input.userName;

/** CreateAccessKey: the only response that ever carries a secret. */
export const createAccessKeyOperation = defineOperation({
  name: 'CreateAccessKey',
  permission: KEY_WRITE,
  input: { userName: { type: 'string' } },
  targetUserName: byUserName,
  async execute({ deps, caller }, input) {
    const { key, secret } = await createAccessKey(deps, caller, input.userName);
    return {
      accessKey: {
        accessKeyId: key.accessKeyId,
        accessKeySecret: secret,
        status: key.status,
        createDate: key.createDate,
      },
    };
  },
});

/** DeleteAccessKey. */
export const deleteAccessKeyOperation = defineOperation({
  name: 'DeleteAccessKey',
  permission: KEY_WRITE,
  input: { userName: { type: 'string' }, userAccessKeyId: { type: 'string', required: true } },
  targetUserName: byUserName,
  async execute({ deps, caller }, input) {
    await deleteAccessKey(deps, caller, { userName: input.userName, accessKeyId: input.userAccessKeyId });
    return {};
  },
});

/** UpdateAccessKey: Status is `Active` or `Inactive`. */
export const updateAccessKeyOperation = defineOperation({
  name: 'UpdateAccessKey',
  permission: KEY_WRITE,
  input: {
    userName: { type: 'string' },
    userAccessKeyId: { type: 'string', required: true },
    status: { type: 'string', required: true },
  },
  targetUserName: byUserName,
  async execute({ deps, caller }, input) {
    const status = input.status;
    if (status !== 'Active' && status !== 'Inactive')
      throw new AkmError('INVALID_VALUE', { field: 'status' });
    await updateAccessKey(deps, caller, {
      userName: input.userName,
      accessKeyId: input.userAccessKeyId,
      status,
    });
    return {};
  },
});

/** ListAccessKeys. */
export const listAccessKeysOperation = defineOperation({
  name: 'ListAccessKeys',
  permission: KEY_READ,
  input: { userName: { type: 'string' } },
  targetUserName: byUserName,
  async execute({ deps, caller }, input) {
    const { keys } = await listAccessKeys(deps, caller, input.userName);
    return { accessKeys: listOf('accessKey', keys.map(accessKeyView)) };
  },
});

/** GetAccessKeyLastUsed: LastUsedDate is absent for a key that was never used. */
export const getAccessKeyLastUsedOperation = defineOperation({
  name: 'GetAccessKeyLastUsed',
  permission: KEY_READ,
  input: { userName: { type: 'string' }, userAccessKeyId: { type: 'string', required: true } },
  targetUserName: byUserName,
  async execute({ deps, caller }, input) {
    const { lastUsedDate } = await getAccessKeyLastUsed(deps, caller, {
      userName: input.userName,
      accessKeyId: input.userAccessKeyId,
    });
    return { accessKeyLastUsed: { lastUsedDate } };
  },
});
