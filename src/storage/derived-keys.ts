/** Derived column values that every store computes the same way (so SQLite and PostgreSQL agree). */
import type { KeyOwner } from '../domain/entities.js';

/**
 * `access_keys.owner_key` of keys owned by an account root. User ids are 16-digit numeric strings,
 * so this marker can never collide with one.
 */
export const ROOT_OWNER_KEY = '$root';

/** The `owner_key` column value for an owner: the user id, or {@link ROOT_OWNER_KEY} for the root. */
export function ownerKeyOf(owner: KeyOwner): string {
  return owner.kind === 'root' ? ROOT_OWNER_KEY : owner.userId;
}

/** The `owner_key` column value for a key whose `userId` is null when the root owns it. */
export function ownerKeyOfUserId(userId: string | null): string {
  return userId ?? ROOT_OWNER_KEY;
}

/**
 * The `users.user_name_key` column value: the name lower-cased in JavaScript rather than SQL, because
 * SQLite's `lower()` only folds ASCII and PostgreSQL's depends on the database locale.
 */
export function userNameKey(userName: string): string {
  return userName.toLowerCase();
}
