/** The Store port on PostgreSQL (`pg` pool): one database shared by every akm node. */
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { AuditEvent, AuditQuery } from '../../domain/audit.js';
import type {
  AccessKey,
  AccessKeyStatus,
  Account,
  DailyUsage,
  KeyOwner,
  PolicyAttachment,
  PolicyType,
  SecurityPreference,
  User,
} from '../../domain/entities.js';
import { DEFAULT_SECURITY_PREFERENCE } from '../../domain/entities.js';
import type {
  ImportBatch,
  KeyUse,
  KeyUseCount,
  Logger,
  SecretRewrite,
  Store,
  UserChanges,
  UserPage,
} from '../../domain/ports.js';
import { ownerKeyOf, userNameKey } from '../derived-keys.js';
import { assertSchemaCurrent } from '../schema-version.js';
import { serviceUnavailable, toStoreError } from './postgres-errors.js';
import { migratePostgres, readPostgresSchemaVersion } from './postgres-migrator.js';
import { PostgresNonceStore, type PostgresNonceStoreOptions } from './postgres-nonce-store.js';
import {
  createPostgresPool,
  type PostgresConnectionOptions,
  schemaOf,
  withTransaction,
} from './postgres-pool.js';
import {
  type AccessKeyRow,
  type AccountRow,
  type AuditEventRow,
  accessKeyFromRow,
  accountFromRow,
  auditEventFromRow,
  auditEventParams,
  auditEventToRow,
  auditLookupOf,
  auditLookupParams,
  type DailyUsageRow,
  dailyUsageFromRow,
  type PolicyRow,
  type PreferenceRow,
  policyFromRow,
  preferenceFromRow,
  type UserRow,
  userFromRow,
} from './postgres-rows.js';
import { SQL } from './postgres-sql.js';
import * as tx from './postgres-transactions.js';

/** How to open a {@link PostgresStore}. */
export interface PostgresStoreOptions extends PostgresConnectionOptions {
  /**
   * Apply pending migrations on open (default false: several nodes share the database, so migrating
   * is an explicit `akm migrate`). When false, an older schema is refused with that advice.
   */
  readonly migrate?: boolean;
  /** Receives background connection errors (an idle connection lost); they never reach a caller. */
  readonly logger?: Logger;
}

/** Runs a single-statement change; true when it changed a row. */
async function changed(db: PoolClient, sql: string, values: unknown[]): Promise<boolean> {
  return ((await db.query(sql, values)).rowCount ?? 0) > 0;
}

/**
 * The PostgreSQL implementation of {@link Store}. Multi-step writes are READ COMMITTED transactions that
 * lock the owner row their check depends on, so limits hold across nodes. A lost database makes calls
 * fail with SERVICE_UNAVAILABLE; the pool reconnects by itself when it returns. `close()` is idempotent.
 */
export class PostgresStore implements Store {
  #closing: Promise<void> | undefined;

  private constructor(
    private readonly pool: Pool,
    private readonly options: PostgresStoreOptions,
  ) {}

  /**
   * Connects to `options.connectionString`, migrating first when `options.migrate` is true. Throws a
   * SchemaVersionError when the schema is newer than this akm, or older and migration was not allowed;
   * an AkmError SERVICE_UNAVAILABLE (with the driver error as `cause`) when the database is unreachable.
   */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const schema = schemaOf(options);
    const pool = createPostgresPool(options, (error) => {
      options.logger?.warn('postgres idle connection lost', { error: error.message });
    });
    try {
      if (options.migrate ?? false) await migratePostgres(options);
      else assertSchemaCurrent(await readPostgresSchemaVersion(pool, schema));
      return new PostgresStore(pool, options);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw toStoreError(error);
    }
  }

  /** The highest migration version applied to the schema. */
  async schemaVersion(): Promise<number> {
    return this.#run(() => readPostgresSchemaVersion(this.pool, schemaOf(this.options)));
  }

  /** Applies pending migrations (a no-op when current); throws when the schema is newer than akm. */
  async migrate(): Promise<void> {
    return this.#run(() => migratePostgres(this.options));
  }

  /**
   * A nonce store on this store's pool, sharing replay protection with every node on the database.
   * Its `close()` stops its sweeper; the pool stays this store's to close.
   */
  createNonceStore(options: PostgresNonceStoreOptions = {}): PostgresNonceStore {
    return new PostgresNonceStore(this.pool, {
      ...(this.options.logger ? { logger: this.options.logger } : {}),
      ...options,
    });
  }

  async createAccount(account: Account, rootKey: AccessKey, audit?: AuditEvent): Promise<void> {
    await this.#audited(audit, (db) => tx.createAccountTx(db, account, rootKey));
  }

  async getAccount(accountId: string): Promise<Account | undefined> {
    const row = (await this.#rows<AccountRow>(SQL.selectAccount, [accountId]))[0];
    return row && accountFromRow(row);
  }

  async createUser(user: User, maxUsersPerAccount: number, audit?: AuditEvent): Promise<void> {
    await this.#audited(audit, (db) => tx.createUserTx(db, user, maxUsersPerAccount));
  }

  async getUserByName(accountId: string, userName: string): Promise<User | undefined> {
    const row = (await this.#rows<UserRow>(SQL.selectUserByNameKey, [accountId, userNameKey(userName)]))[0];
    return row && userFromRow(row);
  }

  async getUserById(accountId: string, userId: string): Promise<User | undefined> {
    const row = (await this.#rows<UserRow>(SQL.selectUserById, [accountId, userId]))[0];
    return row && userFromRow(row);
  }

  async updateUser(
    accountId: string,
    userId: string,
    changes: UserChanges,
    audit?: AuditEvent,
  ): Promise<User> {
    return this.#audited(audit, (db) => tx.updateUserTx(db, accountId, userId, changes));
  }

  async listUsers(accountId: string, page: UserPage): Promise<User[]> {
    // PostgreSQL rejects a negative LIMIT; an empty page is the honest answer (as in SQLite).
    if (page.limit <= 0) return [];
    const prefix = page.pathPrefix ?? '/';
    const rows =
      page.after === undefined
        ? await this.#rows<UserRow>(SQL.listUsersFirst, [accountId, prefix.length, prefix, page.limit])
        : await this.#rows<UserRow>(SQL.listUsersAfter, [
            accountId,
            userNameKey(page.after),
            prefix.length,
            prefix,
            page.limit,
          ]);
    return rows.map(userFromRow);
  }

  async countUsers(accountId: string): Promise<number> {
    return (await this.#rows<{ n: number }>(SQL.countUsers, [accountId]))[0]?.n ?? 0;
  }

  async deleteUser(accountId: string, userId: string, audit?: AuditEvent): Promise<void> {
    await this.#audited(audit, (db) => tx.deleteUserTx(db, accountId, userId));
  }

  async createAccessKey(key: AccessKey, maxPerOwner: number, audit?: AuditEvent): Promise<void> {
    await this.#audited(audit, (db) => tx.createAccessKeyTx(db, key, maxPerOwner));
  }

  async getAccessKey(accessKeyId: string): Promise<AccessKey | undefined> {
    const row = (await this.#rows<AccessKeyRow>(SQL.selectAccessKey, [accessKeyId]))[0];
    return row && accessKeyFromRow(row);
  }

  async listAccessKeys(owner: KeyOwner): Promise<AccessKey[]> {
    const rows = await this.#rows<AccessKeyRow>(SQL.listOwnerKeys, [owner.accountId, ownerKeyOf(owner)]);
    return rows.map(accessKeyFromRow);
  }

  async updateAccessKeyStatus(
    owner: KeyOwner,
    accessKeyId: string,
    status: AccessKeyStatus,
    audit?: AuditEvent,
  ): Promise<boolean> {
    const params = [status, accessKeyId, owner.accountId, ownerKeyOf(owner)];
    return this.#audited(audit, (db) => changed(db, SQL.updateKeyStatus, params));
  }

  async deleteAccessKey(owner: KeyOwner, accessKeyId: string, audit?: AuditEvent): Promise<boolean> {
    const params = [accessKeyId, owner.accountId, ownerKeyOf(owner)];
    return this.#audited(audit, (db) => changed(db, SQL.deleteKey, params));
  }

  async recordLastUsed(uses: readonly KeyUse[]): Promise<void> {
    if (uses.length > 0) await this.#transaction((db) => tx.recordLastUsedTx(db, uses));
  }

  async addDailyUsage(counts: readonly KeyUseCount[]): Promise<void> {
    if (counts.length === 0) return;
    await this.#changes(SQL.addDailyUsage, [
      counts.map((c) => c.accessKeyId),
      counts.map((c) => c.day),
      counts.map((c) => c.serviceName),
      counts.map((c) => c.requestCount),
    ]);
  }

  async listDailyUsage(accessKeyId: string): Promise<DailyUsage[]> {
    return (await this.#rows<DailyUsageRow>(SQL.listDailyUsage, [accessKeyId])).map(dailyUsageFromRow);
  }

  async purgeDailyUsage(day: string): Promise<void> {
    await this.#changes(SQL.purgeDailyUsage, [day]);
  }

  async appendAuditEvent(event: AuditEvent): Promise<void> {
    await this.#changes(SQL.insertAuditEvent, auditEventParams(auditEventToRow(event)));
  }

  async lookupAuditEvents(query: AuditQuery): Promise<AuditEvent[]> {
    if (query.limit <= 0) return [];
    const rows = await this.#rows<AuditEventRow>(
      SQL.lookupAuditEvents,
      auditLookupParams(auditLookupOf(query)),
    );
    return rows.map(auditEventFromRow);
  }

  async purgeAuditEvents(before: Date): Promise<void> {
    await this.#changes(SQL.purgeAuditEvents, [before.getTime()]);
  }

  async attachPolicy(
    accountId: string,
    userId: string,
    attachment: PolicyAttachment,
    audit?: AuditEvent,
  ): Promise<void> {
    await this.#audited(audit, (db) => tx.attachPolicyTx(db, accountId, userId, attachment));
  }

  async detachPolicy(
    accountId: string,
    userId: string,
    policyName: string,
    policyType: PolicyType,
    audit?: AuditEvent,
  ): Promise<boolean> {
    const params = [accountId, userId, policyType, policyName];
    return this.#audited(audit, (db) => changed(db, SQL.deletePolicy, params));
  }

  async listPolicies(accountId: string, userId: string): Promise<PolicyAttachment[]> {
    return (await this.#rows<PolicyRow>(SQL.listPolicies, [accountId, userId])).map(policyFromRow);
  }

  async getSecurityPreference(accountId: string): Promise<SecurityPreference> {
    const row = (await this.#rows<PreferenceRow>(SQL.selectPreference, [accountId]))[0];
    return row === undefined ? DEFAULT_SECURITY_PREFERENCE : preferenceFromRow(row);
  }

  async setSecurityPreference(
    accountId: string,
    preference: SecurityPreference,
    audit?: AuditEvent,
  ): Promise<void> {
    await this.#audited(audit, (db) => tx.setSecurityPreferenceTx(db, accountId, preference));
  }

  async importBatch(batch: ImportBatch): Promise<void> {
    await this.#transaction((db) => tx.importBatchTx(db, batch));
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.#rows<{ value: string }>(SQL.selectMeta, [key]))[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.#changes(SQL.upsertMeta, [key, value]);
  }

  async rewriteSecrets(rewrite: SecretRewrite, meta: Readonly<Record<string, string>>): Promise<number> {
    return this.#transaction((db) => tx.rewriteSecretsTx(db, rewrite, meta));
  }

  async ping(): Promise<boolean> {
    if (this.#closing) return false;
    try {
      return (await this.pool.query<{ found: number }>(SQL.ping)).rows[0]?.found === 1;
    } catch {
      return false;
    }
  }

  /** Ends the pool once in-flight calls have released their connections; later calls share that wait. */
  async close(): Promise<void> {
    this.#closing ??= this.pool.end();
    await this.#closing;
  }

  /** Runs a store call, mapping driver failures; a closed store answers like an unreachable one. */
  async #run<R>(call: () => Promise<R>): Promise<R> {
    if (this.#closing) throw serviceUnavailable(new Error('the PostgreSQL store is closed'));
    try {
      return await call();
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async #rows<R extends QueryResultRow>(sql: string, values: unknown[]): Promise<R[]> {
    return this.#run(async () => (await this.pool.query<R>(sql, values)).rows);
  }

  /** Runs a single-statement write; true when it changed a row. */
  async #changes(sql: string, values: unknown[]): Promise<boolean> {
    return this.#run(async () => ((await this.pool.query(sql, values)).rowCount ?? 0) > 0);
  }

  async #transaction<R>(work: (db: PoolClient) => Promise<R>): Promise<R> {
    return this.#run(() => withTransaction(this.pool, work));
  }

  /**
   * Runs a change in one transaction with its audit event: appended after the change, in the same
   * transaction, unless the change reports (`false`) that there was nothing to change.
   */
  async #audited<R>(audit: AuditEvent | undefined, work: (db: PoolClient) => Promise<R>): Promise<R> {
    return this.#transaction(async (db) => {
      const result = await work(db);
      if (audit !== undefined && result !== false) {
        await db.query(SQL.insertAuditEvent, auditEventParams(auditEventToRow(audit)));
      }
      return result;
    });
  }
}
