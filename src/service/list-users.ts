/** ListUsers: the account's users in name order, optionally under a path prefix, paged by an opaque marker. */

import { enforce } from '../domain/constraints.js';
import type { User } from '../domain/entities.js';
import type { Principal } from '../domain/principal.js';
import { PATH_PREFIX_RULES } from '../domain/validation.js';
import { decodeMarker, type Page, pageLimit, toPage } from './paging.js';
import type { ServiceDeps } from './service-deps.js';

/** What ListUsers takes. */
export interface ListUsersInput {
  readonly marker?: string | undefined;
  readonly maxItems?: number | undefined;
  readonly pathPrefix?: string | undefined;
}

/** The marker kind of user pages: the last (lower-cased) name returned. */
const USERS = 'u1';

/** Lists one page; MaxItems is 1–1000 (default 100). */
export async function listUsers(
  deps: ServiceDeps,
  caller: Principal,
  input: ListUsersInput,
): Promise<Page<User>> {
  const limit = pageLimit(input.maxItems);
  const after = input.marker === undefined ? undefined : decodeMarker(USERS, input.marker);
  const pathPrefix =
    input.pathPrefix === undefined ? undefined : enforce('pathPrefix', input.pathPrefix, PATH_PREFIX_RULES);
  // One extra row tells whether another page exists without a count query.
  const rows = await deps.store.listUsers(caller.accountId, {
    limit: limit + 1,
    ...(after === undefined ? {} : { after }),
    ...(pathPrefix === undefined ? {} : { pathPrefix }),
  });
  return toPage(rows, limit, USERS, (user) => user.userName.toLowerCase());
}
