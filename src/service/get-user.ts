/** GetUser: one user of the caller's account by name, or the caller itself (the root included). */
import type { User } from '../domain/entities.js';
import { AkmError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { requireUser } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';

/** The identity GetUser describes: a user, or the account root when the root asks about itself. */
export type UserIdentity =
  | { readonly kind: 'user'; readonly user: User }
  | { readonly kind: 'root'; readonly accountId: string; readonly createDate: Date };

/** Returns the named user (USER_NOT_FOUND when absent), or with no name the caller itself. */
export async function getUser(
  deps: ServiceDeps,
  caller: Principal,
  userName: string | undefined,
): Promise<UserIdentity> {
  const name = userName ?? caller.userName;
  if (name !== null) return { kind: 'user', user: await requireUser(deps.store, caller.accountId, name) };
  const account = await deps.store.getAccount(caller.accountId);
  if (!account) throw new AkmError('ACCOUNT_NOT_FOUND');
  return { kind: 'root', accountId: account.accountId, createDate: account.createDate };
}
