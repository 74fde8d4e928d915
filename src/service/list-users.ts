/** ListUsers: the account's users in name order, paged by an opaque marker. */
import type { User } from '../domain/entities.js';
import { AkmError } from '../domain/errors.js';
import { MAX_ITEMS_DEFAULT, MAX_ITEMS_LIMIT } from '../domain/limits.js';
import type { Principal } from '../domain/principal.js';
import type { ServiceDeps } from './service-deps.js';

/** One page of users. `marker` is set only when more users follow. */
export interface UserListPage {
  readonly users: User[];
  readonly isTruncated: boolean;
  readonly marker?: string;
}

const MARKER_PREFIX = 'u1:';

/** The marker is the last name returned, so pages stay correct when users are added or deleted between calls. */
function encodeMarker(nameKey: string): string {
  return Buffer.from(MARKER_PREFIX + nameKey, 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string {
  const decoded = Buffer.from(marker, 'base64url').toString('utf8');
  if (!decoded.startsWith(MARKER_PREFIX) || decoded.length === MARKER_PREFIX.length) {
    throw new AkmError('INVALID_VALUE', { field: 'marker' });
  }
  return decoded.slice(MARKER_PREFIX.length);
}

/** Lists one page; MaxItems is 1–1000 (default 100). */
export async function listUsers(
  deps: ServiceDeps,
  caller: Principal,
  input: { marker?: string | undefined; maxItems?: number | undefined },
): Promise<UserListPage> {
  const limit = input.maxItems ?? MAX_ITEMS_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ITEMS_LIMIT) {
    throw new AkmError('INVALID_VALUE', { field: 'maxItems' });
  }
  const after = input.marker === undefined ? undefined : decodeMarker(input.marker);
  // One extra row tells whether another page exists without a count query.
  const rows = await deps.store.listUsers(
    caller.accountId,
    after === undefined ? { limit: limit + 1 } : { after, limit: limit + 1 },
  );
  if (rows.length <= limit) return { users: rows, isTruncated: false };
  const users = rows.slice(0, limit);
  const last = users[users.length - 1];
  return last
    ? { users, isTruncated: true, marker: encodeMarker(last.userName.toLowerCase()) }
    : { users, isTruncated: false };
}
