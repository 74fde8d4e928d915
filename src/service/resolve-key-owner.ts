/** Resolves whose AccessKeys an operation targets: the named user, the caller itself, or a key's owner. */
import type { AccessKey, KeyOwner, User } from '../domain/entities.js';
import { AkmError } from '../domain/errors.js';
import type { Store, UserStore } from '../domain/ports.js';
import type { Principal } from '../domain/principal.js';

/**
 * Finds a user of the caller's account by name, or fails with USER_NOT_FOUND. Names are not validated
 * here: each wire checks the names it accepts, and a name no user can have is simply not found.
 */
export async function requireUser(
  store: Pick<UserStore, 'getUserByName'>,
  accountId: string,
  userName: string,
): Promise<User> {
  const user = await store.getUserByName(accountId, userName);
  if (!user) throw new AkmError('USER_NOT_FOUND', { entity: userName });
  return user;
}

/**
 * The owner of the keys an AccessKey operation targets. With no UserName it is the caller: the root's
 * own keys when the root calls, the user's own keys when a user calls (RAM's and IAM's rule).
 */
export async function resolveKeyOwner(
  store: Pick<UserStore, 'getUserByName'>,
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
  const user = await requireUser(store, caller.accountId, userName);
  return {
    owner: { kind: 'user', accountId: caller.accountId, userId: user.userId },
    userName: user.userName,
  };
}

/**
 * The name of the user owning `accessKeyId` in the caller's account, `undefined` when the root owns it;
 * ACCESS_KEY_OF_USER_NOT_FOUND when no key of that id is in the account. For wires that name a key
 * without its user (IAM's GetAccessKeyLastUsed).
 */
export async function findKeyOwnerName(
  store: Pick<Store, 'getAccessKey' | 'getUserById'>,
  caller: Principal,
  accessKeyId: string,
): Promise<string | undefined> {
  const key = await store.getAccessKey(accessKeyId);
  if (!key || key.accountId !== caller.accountId) {
    throw new AkmError('ACCESS_KEY_OF_USER_NOT_FOUND', { entity: accessKeyId });
  }
  if (key.userId === null) return undefined;
  const user = await store.getUserById(key.accountId, key.userId);
  if (!user) throw new AkmError('ACCESS_KEY_OF_USER_NOT_FOUND', { entity: accessKeyId });
  return user.userName;
}

/**
 * The key `accessKeyId` of `userName` (or of the caller), with its owner's name (null for the root);
 * ACCESS_KEY_OF_USER_NOT_FOUND when that owner has no such key.
 */
export async function requireOwnedKey(
  store: Pick<Store, 'getAccessKey' | 'getUserByName'>,
  caller: Principal,
  input: { userName: string | undefined; accessKeyId: string },
): Promise<{ key: AccessKey; userName: string | null }> {
  const { owner, userName } = await resolveKeyOwner(store, caller, input.userName);
  const key = await store.getAccessKey(input.accessKeyId);
  const owned =
    key !== undefined &&
    key.accountId === owner.accountId &&
    key.userId === (owner.kind === 'user' ? owner.userId : null);
  if (!owned) throw new AkmError('ACCESS_KEY_OF_USER_NOT_FOUND', { entity: input.accessKeyId });
  return { key, userName };
}
