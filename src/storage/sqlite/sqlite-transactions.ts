/**
 * The SQLite store's multi-step writes. Each runs as one BEGIN IMMEDIATE transaction: the write lock is
 * taken before the first read, so another process on the same file (e.g. `akm account create` while the
 * server runs) cannot slip a write between a check and the write it guards.
 */
import type Database from 'better-sqlite3';
import type { AuditEvent } from '../../domain/audit.js';
import type {
  AccessKey,
  AccessKeyStatus,
  Account,
  KeyOwner,
  PolicyAttachment,
  PolicyType,
  SecurityPreference,
  User,
} from '../../domain/entities.js';
import { DEFAULT_SECURITY_PREFERENCE } from '../../domain/entities.js';
import { AkmError } from '../../domain/errors.js';
import type { ImportBatch, KeyUse, KeyUseCount, SecretRewrite, UserChanges } from '../../domain/ports.js';
import { assertSealFenceAdmits, SEAL_FENCE_META } from '../../domain/seal-fence.js';
import { ownerKeyOf, ownerKeyOfUserId, userNameKey } from '../derived-keys.js';
import {
  accessKeyToRow,
  accountToRow,
  auditEventToRow,
  preferenceToRow,
  type UserRow,
  userFromRow,
  userToRow,
} from '../rows.js';
import type { SqliteStatements } from './sqlite-statements.js';

/** The atomic writes of one SQLite connection; each call is one immediate transaction. */
export interface SqliteTransactions {
  createAccount(account: Account, rootKey: AccessKey, audit?: AuditEvent): void;
  createUser(user: User, maxUsersPerAccount: number, audit?: AuditEvent): void;
  updateUser(accountId: string, userId: string, changes: UserChanges, audit?: AuditEvent): User;
  deleteUser(accountId: string, userId: string, audit?: AuditEvent): void;
  createAccessKey(key: AccessKey, maxPerOwner: number, audit?: AuditEvent): void;
  updateAccessKeyStatus(
    owner: KeyOwner,
    accessKeyId: string,
    status: AccessKeyStatus,
    audit?: AuditEvent,
  ): boolean;
  deleteAccessKey(owner: KeyOwner, accessKeyId: string, audit?: AuditEvent): boolean;
  attachPolicy(accountId: string, userId: string, attachment: PolicyAttachment, audit?: AuditEvent): void;
  detachPolicy(
    accountId: string,
    userId: string,
    policyName: string,
    policyType: PolicyType,
    audit?: AuditEvent,
  ): boolean;
  recordLastUsed(uses: readonly KeyUse[]): void;
  addDailyUsage(counts: readonly KeyUseCount[]): void;
  setSecurityPreference(accountId: string, preference: SecurityPreference, audit?: AuditEvent): void;
  importBatch(batch: ImportBatch): void;
  rewriteSecrets(rewrite: SecretRewrite, meta: Readonly<Record<string, string>>): number;
}

/** Builds the transactions once per connection over its prepared statements. */
export function createSqliteTransactions(db: Database.Database, sql: SqliteStatements): SqliteTransactions {
  // better-sqlite3 rolls back and rethrows when the function throws (e.g. an AkmError).
  const immediate = <A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) => {
    const tx = db.transaction(fn);
    return (...args: A) => tx.immediate(...args);
  };

  const requireUser = (accountId: string, userId: string): UserRow => {
    const row = sql.selectUserById.get(accountId, userId);
    if (row === undefined) throw new AkmError('USER_NOT_FOUND');
    return row;
  };

  const requireAccount = (accountId: string): void => {
    if (sql.selectAccount.get(accountId) === undefined) throw new AkmError('ACCOUNT_NOT_FOUND');
  };

  /** Appends the change's audit event, inside its transaction (so only a committed change has one). */
  const appendAudit = (audit: AuditEvent | undefined): void => {
    if (audit) sql.insertAuditEvent.run(auditEventToRow(audit));
  };

  /** Appends the audit event of a single-statement change when it changed a row; returns whether it did. */
  const auditIfChanged = (changes: number, audit: AuditEvent | undefined): boolean => {
    if (changes > 0) appendAudit(audit);
    return changes > 0;
  };

  // Inside the immediate transaction: a rotation (also immediate) is either wholly before or after it.
  const requireAdmittedSeal = (key: AccessKey): void => {
    assertSealFenceAdmits(sql.selectMeta.get(SEAL_FENCE_META)?.value, key.encryptedSecret);
  };

  return {
    createAccount: immediate((account: Account, rootKey: AccessKey, audit?: AuditEvent) => {
      if (rootKey.accountId !== account.accountId || rootKey.userId !== null) {
        throw new Error('createAccount: the root key must belong to the new account root');
      }
      requireAdmittedSeal(rootKey);
      sql.insertAccount.run(accountToRow(account));
      sql.upsertPreference.run({
        account_id: account.accountId,
        ...preferenceToRow(DEFAULT_SECURITY_PREFERENCE),
      });
      sql.insertAccessKey.run(accessKeyToRow(rootKey));
      appendAudit(audit);
    }),

    createUser: immediate((user: User, maxUsersPerAccount: number, audit?: AuditEvent) => {
      requireAccount(user.accountId);
      const row = userToRow(user);
      if (sql.selectUserByNameKey.get(row.account_id, row.user_name_key) !== undefined) {
        throw new AkmError('USER_ALREADY_EXISTS', { entity: user.userName });
      }
      const count = sql.countUsers.get(row.account_id)?.n ?? 0;
      if (count >= maxUsersPerAccount) throw new AkmError('USER_LIMIT_EXCEEDED');
      sql.insertUser.run(row);
      appendAudit(audit);
    }),

    updateUser: immediate((accountId: string, userId: string, changes: UserChanges, audit?: AuditEvent) => {
      const current = requireUser(accountId, userId);
      const userName = changes.userName ?? current.user_name;
      const nameKey = userNameKey(userName);
      // Renaming to a different case of one's own name is allowed; taking another user's name is not.
      const holder = sql.selectUserByNameKey.get(accountId, nameKey);
      if (holder !== undefined && holder.user_id !== userId) {
        throw new AkmError('USER_ALREADY_EXISTS', { entity: userName });
      }
      sql.updateUser.run({
        ...current,
        user_name: userName,
        user_name_key: nameKey,
        path: changes.path ?? current.path,
        display_name: changes.displayName ?? current.display_name,
        mobile_phone: changes.mobilePhone ?? current.mobile_phone,
        email: changes.email ?? current.email,
        comments: changes.comments ?? current.comments,
        update_date: changes.updateDate.getTime(),
      });
      appendAudit(audit);
      return userFromRow(requireUser(accountId, userId));
    }),

    deleteUser: immediate((accountId: string, userId: string, audit?: AuditEvent) => {
      requireUser(accountId, userId);
      // RAM reports keys before policies when a user has both.
      if ((sql.countOwnerKeys.get(accountId, ownerKeyOfUserId(userId))?.n ?? 0) > 0) {
        throw new AkmError('USER_HAS_ACCESS_KEYS');
      }
      if (sql.anyPolicy.get(accountId, userId) !== undefined) throw new AkmError('USER_HAS_POLICIES');
      sql.deleteUser.run(accountId, userId);
      appendAudit(audit);
    }),

    createAccessKey: immediate((key: AccessKey, maxPerOwner: number, audit?: AuditEvent) => {
      if (key.userId === null) requireAccount(key.accountId);
      else requireUser(key.accountId, key.userId);
      requireAdmittedSeal(key);
      const row = accessKeyToRow(key);
      const count = sql.countOwnerKeys.get(row.account_id, row.owner_key)?.n ?? 0;
      if (count >= maxPerOwner) throw new AkmError('ACCESS_KEY_LIMIT_EXCEEDED');
      sql.insertAccessKey.run(row);
      appendAudit(audit);
    }),

    updateAccessKeyStatus: immediate(
      (owner: KeyOwner, accessKeyId: string, status: AccessKeyStatus, audit?: AuditEvent) =>
        auditIfChanged(
          sql.updateKeyStatus.run(status, accessKeyId, owner.accountId, ownerKeyOf(owner)).changes,
          audit,
        ),
    ),

    deleteAccessKey: immediate((owner: KeyOwner, accessKeyId: string, audit?: AuditEvent) =>
      auditIfChanged(sql.deleteKey.run(accessKeyId, owner.accountId, ownerKeyOf(owner)).changes, audit),
    ),

    attachPolicy: immediate(
      (accountId: string, userId: string, attachment: PolicyAttachment, audit?: AuditEvent) => {
        requireUser(accountId, userId);
        const { policyName, policyType } = attachment;
        if (sql.selectPolicy.get(accountId, userId, policyType, policyName) !== undefined) {
          throw new AkmError('POLICY_ALREADY_ATTACHED', { entity: policyName });
        }
        sql.insertPolicy.run({
          account_id: accountId,
          user_id: userId,
          policy_name: policyName,
          policy_type: policyType,
          attach_date: attachment.attachDate.getTime(),
        });
        appendAudit(audit);
      },
    ),

    detachPolicy: immediate(
      (accountId: string, userId: string, policyName: string, policyType: PolicyType, audit?: AuditEvent) =>
        auditIfChanged(sql.deletePolicy.run(accountId, userId, policyType, policyName).changes, audit),
    ),

    recordLastUsed: immediate((uses: readonly KeyUse[]) => {
      for (const use of uses) {
        sql.touchKey.run({
          access_key_id: use.accessKeyId,
          at: use.lastUsedDate.getTime(),
          service: use.serviceName,
          region: use.region,
          source_ip: use.sourceIp ?? null,
          user_agent: use.userAgent ?? null,
          action: use.action ?? null,
        });
      }
    }),

    addDailyUsage: immediate((counts: readonly KeyUseCount[]) => {
      for (const count of counts) {
        sql.addDailyUsage.run({
          access_key_id: count.accessKeyId,
          day: count.day,
          service_name: count.serviceName,
          request_count: count.requestCount,
        });
      }
    }),

    importBatch: immediate((batch: ImportBatch) => {
      for (const account of batch.accounts) {
        sql.insertAccount.run(accountToRow(account));
        sql.upsertPreference.run({
          account_id: account.accountId,
          ...preferenceToRow(DEFAULT_SECURITY_PREFERENCE),
        });
      }
      for (const user of batch.users) sql.insertUser.run(userToRow(user));
      const fence = sql.selectMeta.get(SEAL_FENCE_META)?.value;
      for (const key of batch.keys) {
        assertSealFenceAdmits(fence, key.encryptedSecret);
        sql.insertAccessKey.run(accessKeyToRow(key));
      }
    }),

    setSecurityPreference: immediate(
      (accountId: string, preference: SecurityPreference, audit?: AuditEvent) => {
        requireAccount(accountId);
        sql.upsertPreference.run({ account_id: accountId, ...preferenceToRow(preference) });
        appendAudit(audit);
      },
    ),

    rewriteSecrets: immediate((rewrite: SecretRewrite, meta: Readonly<Record<string, string>>) => {
      const rows = sql.selectAllSecrets.all();
      for (const row of rows) {
        sql.updateSecret.run(rewrite(row.access_key_id, row.encrypted_secret), row.access_key_id);
      }
      for (const [key, value] of Object.entries(meta)) sql.upsertMeta.run(key, value);
      return rows.length;
    }),
  };
}
