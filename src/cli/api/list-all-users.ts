/** Every user of the caller's account, following ListUsers' Marker until IsTruncated is false. */
import { listUsersOperation } from '../../protocol/operations/user-operations.js';
import { toRamName } from '../../protocol/ram-rpc/ram-names.js';
import type { RamApiClient } from './ram-api-client.js';
import { type JsonObject, readBoolean, readList, readString } from './ram-fields.js';

/** ListUsers' default page: 1000 users (the most an account has) take ten calls. */
const PAGE_SIZE = '100';

/** All users, and one ListUsers response that holds them all (the last page's, with every user). */
export interface AllUsers {
  readonly users: JsonObject[];
  readonly combined: JsonObject;
}

/**
 * Pages through ListUsers.
 *
 * @param client - the API client
 * @param onPage - told the running count after each page (for progress indicators)
 */
export async function listAllUsers(
  client: RamApiClient,
  onPage?: (count: number) => void,
): Promise<AllUsers> {
  const users: JsonObject[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await client.call(listUsersOperation, { marker, maxItems: PAGE_SIZE });
    users.push(...readList(page, 'users', 'user'));
    onPage?.(users.length);
    marker = readString(page, 'marker');
    // A truncated page without a marker would loop forever; stop rather than trust it.
    if (readBoolean(page, 'isTruncated') !== true || !marker) {
      return { users, combined: { ...page, [toRamName('users')]: { [toRamName('user')]: users } } };
    }
  }
}
