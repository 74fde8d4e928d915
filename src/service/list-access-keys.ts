/** ListAccessKeys: the keys of a user or of the caller, oldest first, paged; secrets are never listed. */
import type { AccessKey } from '../domain/entities.js';
import type { Principal } from '../domain/principal.js';
import { decodeMarker, type Page, pageLimit, toPage } from './paging.js';
import { resolveKeyOwner } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';

/** What ListAccessKeys takes. */
export interface ListAccessKeysInput {
  readonly userName: string | undefined;
  readonly marker?: string | undefined;
  readonly maxItems?: number | undefined;
}

/** The marker kind of key pages: the last key's creation time and id. */
const KEYS = 'k1';
const positionOf = (key: AccessKey) => `${key.createDate.getTime()}:${key.accessKeyId}`;

/** Lists one page of the keys of `userName` (or the caller), with the owner's name (null for the root). */
export async function listAccessKeys(
  deps: ServiceDeps,
  caller: Principal,
  input: ListAccessKeysInput,
): Promise<Page<AccessKey> & { userName: string | null }> {
  const limit = pageLimit(input.maxItems);
  const after = input.marker === undefined ? undefined : decodeMarker(KEYS, input.marker);
  const { owner, userName } = await resolveKeyOwner(deps.store, caller, input.userName);
  // An owner holds at most two keys, so paging happens here rather than in the store.
  const keys = await deps.store.listAccessKeys(owner);
  const start = after === undefined ? 0 : keys.findIndex((key) => positionOf(key) > after);
  const rest = start < 0 ? [] : keys.slice(start, start + limit + 1);
  return { ...toPage(rest, limit, KEYS, positionOf), userName };
}
