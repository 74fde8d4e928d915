/**
 * Collects the credential report's data in real time: who is asking (GetCallerIdentity), every user
 * (ListUsers, paged), every user's keys (ListAccessKeys) and each key's last use
 * (GetAccessKeyLastUsed), with a few calls in flight at once. Run by the root, the root's own keys are
 * included too. A user or key deleted while the report runs is left out rather than failing it.
 */
import {
  getAccessKeyLastUsedOperation,
  listAccessKeysOperation,
} from '../../protocol/operations/access-key-operations.js';
import { getCallerIdentityOperation } from '../../protocol/operations/caller-identity-operation.js';
import { ApiError } from '../api/api-errors.js';
import { listAllUsers } from '../api/list-all-users.js';
import type { RamApiClient } from '../api/ram-api-client.js';
import { readList, readObject, readString } from '../api/ram-fields.js';
import { mapConcurrent } from './map-concurrent.js';
import type { KeyRecord } from './report-rows.js';

/** Calls in flight at once: quick on a large account, gentle on the server. */
const CONCURRENCY = 8;

/** Codes meaning "deleted since it was listed". */
const GONE = new Set(['EntityNotExist.User', 'EntityNotExist.User.AccessKey']);

/** Told how many users are done out of how many. */
export type ProgressListener = (done: number, total: number) => void;

async function unlessGone<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError && GONE.has(error.code)) return undefined;
    throw error;
  }
}

/** The keys of one owner (a user, or the caller itself when `userName` is undefined) with last uses. */
async function ownerRecords(
  client: RamApiClient,
  accountId: string,
  userName: string | undefined,
): Promise<KeyRecord[]> {
  const listed = await unlessGone(client.call(listAccessKeysOperation, { userName }));
  if (!listed) return [];
  const records = await Promise.all(
    readList(listed, 'accessKeys', 'accessKey').map(async (key): Promise<KeyRecord | undefined> => {
      const accessKeyId = readString(key, 'accessKeyId') ?? '';
      const used = await unlessGone(client.call(getAccessKeyLastUsedOperation, { userName, accessKeyId }));
      if (!used) return undefined;
      return {
        accountId,
        userName: userName ?? null,
        accessKeyId,
        status: readString(key, 'status') ?? '',
        createDate: readString(key, 'createDate') ?? '',
        lastUsedDate: readString(readObject(used, 'accessKeyLastUsed'), 'lastUsedDate'),
      };
    }),
  );
  return records.filter((r): r is KeyRecord => r !== undefined);
}

/**
 * Every AccessKey of the caller's account: the root's first (when the root asks), then each user's in
 * ListUsers order, each owner's keys in ListAccessKeys order.
 */
export async function collectKeyRecords(
  client: RamApiClient,
  onProgress: ProgressListener,
): Promise<KeyRecord[]> {
  const identity = await client.call(getCallerIdentityOperation);
  const accountId = readString(identity, 'accountId') ?? '';
  const isRoot = readString(identity, 'userName') === undefined;
  const root = isRoot ? await ownerRecords(client, accountId, undefined) : [];
  const { users } = await listAllUsers(client);
  let done = 0;
  onProgress(done, users.length);
  const perUser = await mapConcurrent(users, CONCURRENCY, async (user) => {
    const records = await ownerRecords(client, accountId, readString(user, 'userName') ?? '');
    onProgress(++done, users.length);
    return records;
  });
  return [...root, ...perUser.flat()];
}
