/**
 * The PostgreSQL store's multi-step writes. Each runs in one READ COMMITTED transaction that first locks
 * the row its check depends on (the account for user creation and root keys, the user for its keys and
 * policies), so concurrent writers on any node queue on that lock and each sees the others' commits.
 */
import type { PoolClient } from 'pg';
import type {
  AccessKey,
  Account,
  PolicyAttachment,
  SecurityPreference,
  User,
} from '../../domain/entities.js';
import { DEFAULT_SECURITY_PREFERENCE } from '../../domain/entities.js';
import { AkmError } from '../../domain/errors.js';
import type { ImportBatch, KeyUse, SecretRewrite, UserChanges } from '../../domain/ports.js';
import { assertSealFenceAdmits, SEAL_FENCE_META } from '../../domain/seal-fence.js';
import { ownerKeyOfUserId, userNameKey } from '../derived-keys.js';
import { isUniqueViolation } from './postgres-errors.js';
import {
  accessKeyParams,
  accessKeyToRow,
  accountToRow,
  preferenceParams,
  type UserRow,
  userFromRow,
  userParams,
  userToRow,
} from './postgres-rows.js';
import { SQL, SQL_COLUMNS } from './postgres-sql.js';

/** A `COUNT(*)` result (BIGINT, parsed to a number by the pool's type parsers). */
interface Count {
  readonly n: number;
}

/** Rethrows a unique violation of the constraint named like `fragment` as `replacement`. */
function mapUniqueViolation(fragment: string, replacement: () => AkmError): (error: unknown) => never {
  return (error: unknown) => {
    throw isUniqueViolation(error, fragment) ? replacement() : error;
  };
}

async function lockAccount(db: PoolClient, accountId: string): Promise<void> {
  const { rowCount } = await db.query(SQL.lockAccount, [accountId]);
  if (rowCount === 0) throw new AkmError('ACCOUNT_NOT_FOUND');
}

async function lockUser(db: PoolClient, accountId: string, userId: string): Promise<UserRow> {
  const { rows } = await db.query<UserRow>(SQL.lockUserById, [accountId, userId]);
  const row = rows[0];
  if (row === undefined) throw new AkmError('USER_NOT_FOUND');
  return row;
}

async function countOwnerKeys(db: PoolClient, accountId: string, ownerKey: string): Promise<number> {
  const { rows } = await db.query<Count>(SQL.countOwnerKeys, [accountId, ownerKey]);
  return rows[0]?.n ?? 0;
}

/** Refuses sealed secrets the seal fence does not admit; taken first, before any row lock. */
async function requireAdmittedSeals(db: PoolClient, keys: readonly AccessKey[]): Promise<void> {
  await db.query(SQL.lockSealFenceShared);
  const { rows } = await db.query<{ value: string }>(SQL.selectMeta, [SEAL_FENCE_META]);
  for (const key of keys) assertSealFenceAdmits(rows[0]?.value, key.encryptedSecret);
}

/** Account, default preferences and root key, all or nothing. */
export async function createAccountTx(db: PoolClient, account: Account, rootKey: AccessKey): Promise<void> {
  if (rootKey.accountId !== account.accountId || rootKey.userId !== null) {
    throw new Error('createAccount: the root key must belong to the new account root');
  }
  await requireAdmittedSeals(db, [rootKey]);
  const row = accountToRow(account);
  await db.query(SQL.insertAccount, [row.account_id, row.create_date]);
  await db.query(SQL.upsertPreference, preferenceParams(account.accountId, DEFAULT_SECURITY_PREFERENCE));
  await db.query(SQL.insertAccessKey, accessKeyParams(accessKeyToRow(rootKey)));
}

/** Name check, per-account count and insert under the account row lock. */
export async function createUserTx(db: PoolClient, user: User, maxUsersPerAccount: number): Promise<void> {
  await lockAccount(db, user.accountId);
  const row = userToRow(user);
  const taken = await db.query(SQL.selectUserByNameKey, [row.account_id, row.user_name_key]);
  if (taken.rowCount !== 0) throw new AkmError('USER_ALREADY_EXISTS', { entity: user.userName });
  const { rows } = await db.query<Count>(SQL.countUsers, [row.account_id]);
  if ((rows[0]?.n ?? 0) >= maxUsersPerAccount) throw new AkmError('USER_LIMIT_EXCEEDED');
  // A concurrent rename (which does not lock the account) can still take the name first.
  await db
    .query(SQL.insertUser, userParams(row))
    .catch(
      mapUniqueViolation(
        'user_name_key',
        () => new AkmError('USER_ALREADY_EXISTS', { entity: user.userName }),
      ),
    );
}

/** Read-modify-write of one user under its row lock; a taken name fails with USER_ALREADY_EXISTS. */
export async function updateUserTx(
  db: PoolClient,
  accountId: string,
  userId: string,
  changes: UserChanges,
): Promise<User> {
  const current = await lockUser(db, accountId, userId);
  const userName = changes.userName ?? current.user_name;
  const nameKey = userNameKey(userName);
  // Renaming to a different case of one's own name is allowed; taking another user's name is not.
  const { rows: holders } = await db.query<UserRow>(SQL.selectUserByNameKey, [accountId, nameKey]);
  const holder = holders[0];
  if (holder !== undefined && holder.user_id !== userId) {
    throw new AkmError('USER_ALREADY_EXISTS', { entity: userName });
  }
  const params = [
    accountId,
    userId,
    userName,
    nameKey,
    changes.displayName ?? current.display_name,
    changes.mobilePhone ?? current.mobile_phone,
    changes.email ?? current.email,
    changes.comments ?? current.comments,
    changes.updateDate.getTime(),
    changes.path ?? current.path,
  ];
  const { rows } = await db
    .query<UserRow>(SQL.updateUser, params)
    .catch(
      mapUniqueViolation('user_name_key', () => new AkmError('USER_ALREADY_EXISTS', { entity: userName })),
    );
  const updated = rows[0];
  if (updated === undefined) throw new AkmError('USER_NOT_FOUND');
  return userFromRow(updated);
}

/** Deletes a user without keys or policies; the user row lock keeps key creation and attaches out. */
export async function deleteUserTx(db: PoolClient, accountId: string, userId: string): Promise<void> {
  await lockUser(db, accountId, userId);
  // RAM reports keys before policies when a user has both.
  if ((await countOwnerKeys(db, accountId, ownerKeyOfUserId(userId))) > 0) {
    throw new AkmError('USER_HAS_ACCESS_KEYS');
  }
  if ((await db.query(SQL.anyPolicy, [accountId, userId])).rowCount !== 0) {
    throw new AkmError('USER_HAS_POLICIES');
  }
  await db.query(SQL.deleteUser, [accountId, userId]);
}

/** Counts the owner's keys and inserts under the owner's row lock (account for root, user otherwise). */
export async function createAccessKeyTx(db: PoolClient, key: AccessKey, maxPerOwner: number): Promise<void> {
  await requireAdmittedSeals(db, [key]);
  if (key.userId === null) await lockAccount(db, key.accountId);
  else await lockUser(db, key.accountId, key.userId);
  const row = accessKeyToRow(key);
  if ((await countOwnerKeys(db, row.account_id, row.owner_key)) >= maxPerOwner) {
    throw new AkmError('ACCESS_KEY_LIMIT_EXCEEDED');
  }
  await db.query(SQL.insertAccessKey, accessKeyParams(row));
}

/** Attaches under the user row lock, so the duplicate check and the next seq cannot race. */
export async function attachPolicyTx(
  db: PoolClient,
  accountId: string,
  userId: string,
  attachment: PolicyAttachment,
): Promise<void> {
  await lockUser(db, accountId, userId);
  const { policyName, policyType } = attachment;
  const alreadyAttached = () => new AkmError('POLICY_ALREADY_ATTACHED', { entity: policyName });
  if ((await db.query(SQL.selectPolicy, [accountId, userId, policyType, policyName])).rowCount !== 0) {
    throw alreadyAttached();
  }
  await db
    .query(SQL.insertPolicy, [accountId, userId, policyName, policyType, attachment.attachDate.getTime()])
    .catch(mapUniqueViolation('user_policies_pkey', alreadyAttached));
}

/** Moves last-use dates forward for a batch, locking its rows in a fixed order first. */
export async function recordLastUsedTx(db: PoolClient, uses: readonly KeyUse[]): Promise<void> {
  const ids = uses.map((use) => use.accessKeyId);
  const dates = uses.map((use) => use.lastUsedDate.getTime());
  const services = uses.map((use) => use.serviceName);
  const regions = uses.map((use) => use.region);
  const sourceIps = uses.map((use) => use.sourceIp ?? null);
  const userAgents = uses.map((use) => use.userAgent ?? null);
  const actions = uses.map((use) => use.action ?? null);
  await db.query(SQL.lockKeys, [ids]);
  await db.query(SQL.touchKeys, [ids, dates, services, regions, sourceIps, userAgents, actions]);
}

/** Sets the preference of an existing account. */
export async function setSecurityPreferenceTx(
  db: PoolClient,
  accountId: string,
  preference: SecurityPreference,
): Promise<void> {
  // Accounts are never deleted, so an existence check needs no lock.
  if ((await db.query(SQL.selectAccount, [accountId])).rowCount === 0)
    throw new AkmError('ACCOUNT_NOT_FOUND');
  await db.query(SQL.upsertPreference, preferenceParams(accountId, preference));
}

/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 bind parameters at 12 columns. */
const IMPORT_CHUNK = 2000;

/** `INSERT INTO table (columns) VALUES ($1, …), (…)` for `rows` positional parameter lists. */
async function insertRows(db: PoolClient, table: string, columns: string, rows: readonly unknown[][]) {
  for (let start = 0; start < rows.length; start += IMPORT_CHUNK) {
    const chunk = rows.slice(start, start + IMPORT_CHUNK);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = row.map((value) => {
        values.push(value);
        return `$${values.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await db.query(`INSERT INTO ${table} (${columns}) VALUES ${tuples.join(', ')}`, values);
  }
}

/** Accounts (with default preferences), users and keys in one transaction, without limit checks. */
export async function importBatchTx(db: PoolClient, batch: ImportBatch): Promise<void> {
  await requireAdmittedSeals(db, batch.keys);
  for (const account of batch.accounts) {
    const row = accountToRow(account);
    await db.query(SQL.insertAccount, [row.account_id, row.create_date]);
    await db.query(SQL.upsertPreference, preferenceParams(account.accountId, DEFAULT_SECURITY_PREFERENCE));
  }
  await insertRows(
    db,
    'users',
    SQL_COLUMNS.users,
    batch.users.map((user) => userParams(userToRow(user))),
  );
  await insertRows(
    db,
    'access_keys',
    SQL_COLUMNS.accessKeys,
    batch.keys.map((key) => accessKeyParams(accessKeyToRow(key))),
  );
}

/** Rewrites every sealed secret and sets `meta`, holding the seal fence lock and every key row. */
export async function rewriteSecretsTx(
  db: PoolClient,
  rewrite: SecretRewrite,
  meta: Readonly<Record<string, string>>,
): Promise<number> {
  await db.query(SQL.lockSealFenceExclusive);
  const { rows } = await db.query<{ access_key_id: string; encrypted_secret: string }>(SQL.lockAllSecrets);
  const ids = rows.map((row) => row.access_key_id);
  const sealed = rows.map((row) => rewrite(row.access_key_id, row.encrypted_secret));
  if (ids.length > 0) await db.query(SQL.updateSecrets, [ids, sealed]);
  for (const [key, value] of Object.entries(meta)) await db.query(SQL.upsertMeta, [key, value]);
  return rows.length;
}
