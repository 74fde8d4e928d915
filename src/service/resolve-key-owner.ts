/** Resolves whose AccessKeys an operation targets: the named user, or the caller itself. */
import type { KeyOwner, User } from '../domain/entities.js';
import { AkmError } from '../domain/errors.js';
import type { UserStore } from '../domain/ports.js';
import type { Principal } from '../domain/principal.js';
import { validateUserName } from '../domain/validation.js';

/** Finds a user of the caller's account by name, or fails with USER_NOT_FOUND. */
export async function requireUser(store: UserStore, accountId: string, userName: string): Promise<User> {
  const user = await store.getUserByName(accountId, userName);
  if (!user) throw new AkmError('USER_NOT_FOUND', { entity: userName });
  return user;
}

/**
 * The owner of the keys an AccessKey operation targets. With no UserName it is the caller: the root's
 * own keys when the root calls, the user's own keys when a user calls (RAM's rule).
 */
export async function resolveKeyOwner(
  store: UserStore,
  caller: Principal,
  userName: string | undefined,
): Promise<{ owner: KeyOwner; userName: string | null }> {
  if (userName === undefined) {
    if (caller.kind === 'root' || caller.userId === null) {
      return { owner: { kind: 'root', accountId: caller.accountId }, userName: null };
    }
    return {
      owner: { kind: 'user', accountId: caller.accountId, userId: caller.userId },
      userName: caller.userName,
    };
  }
  const user = await requireUser(store, caller.accountId, validateUserName(userName));
  return {
    owner: { kind: 'user', accountId: caller.accountId, userId: user.userId },
    userName: user.userName,
  };
}
