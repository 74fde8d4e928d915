/** The Store port on one SQLite file (better-sqlite3), safe to share with other akm processes. */
import Database from 'better-sqlite3';
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
  SecretRewrite,
  Store,
  UserChanges,
  UserPage,
} from '../../domain/ports.js';
import { ownerKeyOf, userNameKey } from '../derived-keys.js';
import {
  accessKeyFromRow,
  accountFromRow,
  auditEventFromRow,
  auditEventToRow,
  auditLookupOf,
  dailyUsageFromRow,
  policyFromRow,
  preferenceFromRow,
  userFromRow,
} from '../rows.js';
import { assertSchemaCurrent } from '../schema-version.js';
import { GroupCommit } from './group-commit.js';
import { SqliteBackground } from './sqlite-background.js';
import { migrateSqlite, readSqliteSchemaVersion } from './sqlite-migrator.js';
import { openNonceFile, SqliteNonceStore, type SqliteNonceStoreOptions } from './sqlite-nonce-store.js';
import { prepareSqliteStatements, type SqliteStatements } from './sqlite-statements.js';
import { createSqliteTransactions, type SqliteTransactions } from './sqlite-transactions.js';

/** How to open a {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /** The database file; created when missing. */
  readonly path: string;
  /**
   * Apply pending migrations on open (default true). When false, an older schema is refused with an
   * error telling the operator to run `akm migrate`.
   */
  readonly migrate?: boolean;
  /**
   * Run a worker thread that checkpoints the WAL and writes nonce batches (a server's setting), instead
   * of checkpointing on commit and writing nonces on the caller's thread. Default false.
   */
  readonly background?: boolean;
}

/** The nonce file of the database at `path`: `akm.db` → `akm.nonces.db`. */
function noncePathOf(path: string): string {
  return `${path.replace(/\.db$/, '')}.nonces.db`;
}

/** How long a `data_version` answer is reused (the bound on seeing another process's commit). */
export const DATA_VERSION_REUSE_MS = 50;

/** How long a writer waits for another connection's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/** Sets the connection pragmas every akm connection relies on. */
function configureConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  // With WAL, NORMAL syncs at checkpoints rather than every commit: a committed transaction survives a
  // process crash (it is in the WAL file) and the database never corrupts; only an OS crash or power
  // loss may roll back the last few commits. That trade is right for a key service's write rate.
  db.pragma('synchronous = NORMAL');
}

/**
 * The SQLite implementation of {@link Store}. Every multi-step write is one BEGIN IMMEDIATE transaction,
 * so several processes may open the same file. `close()` is idempotent.
 */
export class SqliteStore implements Store {
  private readonly sql: SqliteStatements;
  private readonly tx: SqliteTransactions;

  readonly #dataVersion: Database.Statement<[]>;
  #dataVersionValue = 0;
  #dataVersionAt = Number.NEGATIVE_INFINITY;

  readonly #path: string;
  readonly #background: SqliteBackground | undefined;
  /** Every transactional write but the bulk ones (import, secret rewrite) is group-committed. */
  readonly #group: GroupCommit;

  private constructor(
    private readonly db: Database.Database,
    path: string,
    background: SqliteBackground | undefined,
  ) {
    this.#path = path;
    this.#background = background;
    this.sql = prepareSqliteStatements(db);
    this.tx = createSqliteTransactions(db, this.sql);
    this.#group = new GroupCommit(db);
    this.#dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  /**
   * Opens (creating if needed) the database at `options.path`, migrating it forward unless
   * `options.migrate` is false. Throws a SchemaVersionError when the schema is newer than this akm, or
   * older and migration was not allowed.
   */
  static open(options: SqliteStoreOptions): SqliteStore {
    const db = new Database(options.path, { timeout: BUSY_TIMEOUT_MS });
    try {
      configureConnection(db);
      if (options.migrate ?? true) migrateSqlite(db);
      else assertSchemaCurrent(readSqliteSchemaVersion(db));
      if (!options.background) return new SqliteStore(db, options.path, undefined);
      // The worker checkpoints every few hundred milliseconds, so a commit crossing SQLite's own
      // threshold (which stays: under a steady write load only a checkpoint right after a commit
      // finds the WAL fully copied, and lets the next commit start it over) has little left to copy.
      const background = new SqliteBackground({
        databasePath: options.path,
        noncePath: noncePathOf(options.path),
        busyTimeoutMs: BUSY_TIMEOUT_MS,
      });
      return new SqliteStore(db, options.path, background);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * SQLite's `data_version`: it changes whenever another connection (another process) commits, which
   * tells a cache in front of this store that what it holds may be stale. Asking costs a read
   * transaction, so the answer is reused for {@link DATA_VERSION_REUSE_MS}: another process's change is
   * seen within that bound.
   */
  dataVersion(): number {
    const now = performance.now();
    if (now - this.#dataVersionAt >= DATA_VERSION_REUSE_MS) {
      this.#dataVersionValue = this.#dataVersion.get() as number;
      this.#dataVersionAt = now;
    }
    return this.#dataVersionValue;
  }

  /** The highest migration version applied to the database. */
  schemaVersion(): number {
    return readSqliteSchemaVersion(this.db);
  }

  /** Applies pending migrations (a no-op when current); throws when the database is newer than akm. */
  migrate(): void {
    migrateSqlite(this.db);
  }

  /** A nonce store on this database's nonce file (persistent replay protection). */
  createNonceStore(options: SqliteNonceStoreOptions = {}): SqliteNonceStore {
    const file = openNonceFile(noncePathOf(this.#path), BUSY_TIMEOUT_MS);
    return new SqliteNonceStore(file, options, this.#background);
  }

  async createAccount(account: Account, rootKey: AccessKey, audit?: AuditEvent): Promise<void> {
    return this.#group.run(() => this.tx.createAccount(account, rootKey, audit));
  }

  async getAccount(accountId: string): Promise<Account | undefined> {
    const row = this.sql.selectAccount.get(accountId);
    return row && accountFromRow(row);
  }

  async createUser(user: User, maxUsersPerAccount: number, audit?: AuditEvent): Promise<void> {
    return this.#group.run(() => this.tx.createUser(user, maxUsersPerAccount, audit));
  }

  async getUserByName(accountId: string, userName: string): Promise<User | undefined> {
    const row = this.sql.selectUserByNameKey.get(accountId, userNameKey(userName));
    return row && userFromRow(row);
  }

  async getUserById(accountId: string, userId: string): Promise<User | undefined> {
    const row = this.sql.selectUserById.get(accountId, userId);
    return row && userFromRow(row);
  }

  async updateUser(
    accountId: string,
    userId: string,
    changes: UserChanges,
    audit?: AuditEvent,
  ): Promise<User> {
    return this.#group.run(() => this.tx.updateUser(accountId, userId, changes, audit));
  }

  async listUsers(accountId: string, page: UserPage): Promise<User[]> {
    // SQLite reads a negative LIMIT as "no limit"; an empty page is the honest answer.
    if (page.limit <= 0) return [];
    const prefix = page.pathPrefix ?? '/';
    const rows =
      page.after === undefined
        ? this.sql.listUsersFirst.all(accountId, prefix.length, prefix, page.limit)
        : this.sql.listUsersAfter.all(accountId, userNameKey(page.after), prefix.length, prefix, page.limit);
    return rows.map(userFromRow);
  }

  async countUsers(accountId: string): Promise<number> {
    return this.sql.countUsers.get(accountId)?.n ?? 0;
  }

  async deleteUser(accountId: string, userId: string, audit?: AuditEvent): Promise<void> {
    return this.#group.run(() => this.tx.deleteUser(accountId, userId, audit));
  }

  async createAccessKey(key: AccessKey, maxPerOwner: number, audit?: AuditEvent): Promise<void> {
    return this.#group.run(() => this.tx.createAccessKey(key, maxPerOwner, audit));
  }

  async getAccessKey(accessKeyId: string): Promise<AccessKey | undefined> {
    const row = this.sql.selectAccessKey.get(accessKeyId);
    return row && accessKeyFromRow(row);
  }

  async listAccessKeys(owner: KeyOwner): Promise<AccessKey[]> {
    return this.sql.listOwnerKeys.all(owner.accountId, ownerKeyOf(owner)).map(accessKeyFromRow);
  }

  async updateAccessKeyStatus(
    owner: KeyOwner,
    accessKeyId: string,
    status: AccessKeyStatus,
    audit?: AuditEvent,
  ): Promise<boolean> {
    return this.#group.run(() => this.tx.updateAccessKeyStatus(owner, accessKeyId, status, audit));
  }

  async deleteAccessKey(owner: KeyOwner, accessKeyId: string, audit?: AuditEvent): Promise<boolean> {
    return this.#group.run(() => this.tx.deleteAccessKey(owner, accessKeyId, audit));
  }

  async recordLastUsed(uses: readonly KeyUse[]): Promise<void> {
    if (uses.length > 0) await this.#group.run(() => this.tx.recordLastUsed(uses));
  }

  async addDailyUsage(counts: readonly KeyUseCount[]): Promise<void> {
    if (counts.length > 0) await this.#group.run(() => this.tx.addDailyUsage(counts));
  }

  async listDailyUsage(accessKeyId: string): Promise<DailyUsage[]> {
    return this.sql.listDailyUsage.all(accessKeyId).map(dailyUsageFromRow);
  }

  async purgeDailyUsage(day: string): Promise<void> {
    this.sql.purgeDailyUsage.run(day);
  }

  async appendAuditEvent(event: AuditEvent): Promise<void> {
    this.sql.insertAuditEvent.run(auditEventToRow(event));
  }

  async lookupAuditEvents(query: AuditQuery): Promise<AuditEvent[]> {
    if (query.limit <= 0) return [];
    return this.sql.lookupAuditEvents.all(auditLookupOf(query)).map(auditEventFromRow);
  }

  async purgeAuditEvents(before: Date): Promise<void> {
    this.sql.purgeAuditEvents.run(before.getTime());
  }

  async attachPolicy(
    accountId: string,
    userId: string,
    attachment: PolicyAttachment,
    audit?: AuditEvent,
  ): Promise<void> {
    return this.#group.run(() => this.tx.attachPolicy(accountId, userId, attachment, audit));
  }

  async detachPolicy(
    accountId: string,
    userId: string,
    policyName: string,
    policyType: PolicyType,
    audit?: AuditEvent,
  ): Promise<boolean> {
    return this.#group.run(() => this.tx.detachPolicy(accountId, userId, policyName, policyType, audit));
  }

  async listPolicies(accountId: string, userId: string): Promise<PolicyAttachment[]> {
    return this.sql.listPolicies.all(accountId, userId).map(policyFromRow);
  }

  async getSecurityPreference(accountId: string): Promise<SecurityPreference> {
    const row = this.sql.selectPreference.get(accountId);
    return row === undefined ? DEFAULT_SECURITY_PREFERENCE : preferenceFromRow(row);
  }

  async setSecurityPreference(
    accountId: string,
    preference: SecurityPreference,
    audit?: AuditEvent,
  ): Promise<void> {
    return this.#group.run(() => this.tx.setSecurityPreference(accountId, preference, audit));
  }

  async importBatch(batch: ImportBatch): Promise<void> {
    this.tx.importBatch(batch);
  }

  async getMeta(key: string): Promise<string | undefined> {
    return this.sql.selectMeta.get(key)?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.sql.upsertMeta.run(key, value);
  }

  async rewriteSecrets(rewrite: SecretRewrite, meta: Readonly<Record<string, string>>): Promise<number> {
    return this.tx.rewriteSecrets(rewrite, meta);
  }

  async ping(): Promise<boolean> {
    if (!this.db.open) return false;
    try {
      return this.sql.ping.get()?.found === 1;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.#group.flush();
    await this.#background?.close();
    if (this.db.open) this.db.close();
  }
}
