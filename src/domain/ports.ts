/**
 * The ports the services depend on. Implementations live in storage/, crypto/ and main.ts.
 * Store methods are async so that a networked store (PostgreSQL) fits the same contract.
 *
 * Every state-changing method takes an optional audit event: the store appends it in the same
 * transaction as the change, and only when the change happens (a refusal, or a `false` "no such thing",
 * appends nothing), so the audit log holds exactly the changes that committed.
 */
import type { AuditEvent, AuditQuery } from './audit.js';
import type {
  AccessKey,
  AccessKeyFormat,
  AccessKeyStatus,
  Account,
  DailyUsage,
  KeyOwner,
  PolicyAttachment,
  PolicyType,
  SecurityPreference,
  User,
} from './entities.js';

/** Accounts (tenants). */
export interface AccountStore {
  /** Creates the account, its default preferences and its root key in one transaction. */
  createAccount(account: Account, rootKey: AccessKey, audit?: AuditEvent): Promise<void>;
  getAccount(accountId: string): Promise<Account | undefined>;
}

/** Fields of a user that UpdateUser may change; absent means unchanged. */
export interface UserChanges {
  readonly userName?: string;
  readonly path?: string;
  readonly displayName?: string;
  readonly mobilePhone?: string;
  readonly email?: string;
  readonly comments?: string;
  readonly updateDate: Date;
}

/** A page request over users ordered by user name (case-insensitively). */
export interface UserPage {
  /** Return users whose lower-cased name sorts strictly after this one. */
  readonly after?: string;
  /** Return only users whose path starts with this (case-sensitively). */
  readonly pathPrefix?: string;
  readonly limit: number;
}

/** RAM users. User names are unique per account, compared case-insensitively. */
export interface UserStore {
  /** Fails with USER_ALREADY_EXISTS or USER_LIMIT_EXCEEDED (checked in the same transaction). */
  createUser(user: User, maxUsersPerAccount: number, audit?: AuditEvent): Promise<void>;
  getUserByName(accountId: string, userName: string): Promise<User | undefined>;
  getUserById(accountId: string, userId: string): Promise<User | undefined>;
  /** Fails with USER_NOT_FOUND, or USER_ALREADY_EXISTS when the new name is taken. */
  updateUser(accountId: string, userId: string, changes: UserChanges, audit?: AuditEvent): Promise<User>;
  listUsers(accountId: string, page: UserPage): Promise<User[]>;
  /** How many users the account has. */
  countUsers(accountId: string): Promise<number>;
  /** Fails with USER_NOT_FOUND, USER_HAS_ACCESS_KEYS or USER_HAS_POLICIES, checked atomically. */
  deleteUser(accountId: string, userId: string, audit?: AuditEvent): Promise<void>;
}

/** One coalesced last-use observation: when, the service and region signed for, where from, doing what. */
export interface KeyUse {
  readonly accessKeyId: string;
  readonly lastUsedDate: Date;
  readonly serviceName: string | null;
  readonly region: string | null;
  readonly sourceIp?: string | null;
  readonly userAgent?: string | null;
  readonly action?: string | null;
}

/** Requests a key signed on one day through one service, to add to the stored count. */
export interface KeyUseCount extends DailyUsage {
  readonly accessKeyId: string;
}

/** AccessKey pairs. */
export interface AccessKeyStore {
  /**
   * Inserts the key unless its owner already holds `maxPerOwner` keys (ACCESS_KEY_LIMIT_EXCEEDED),
   * or its user no longer exists (USER_NOT_FOUND). The count and insert are one transaction.
   */
  createAccessKey(key: AccessKey, maxPerOwner: number, audit?: AuditEvent): Promise<void>;
  getAccessKey(accessKeyId: string): Promise<AccessKey | undefined>;
  /** The owner's keys, oldest first. */
  listAccessKeys(owner: KeyOwner): Promise<AccessKey[]>;
  /** Returns false when the owner has no such key. */
  updateAccessKeyStatus(
    owner: KeyOwner,
    accessKeyId: string,
    status: AccessKeyStatus,
    audit?: AuditEvent,
  ): Promise<boolean>;
  /** Returns false when the owner has no such key. */
  deleteAccessKey(owner: KeyOwner, accessKeyId: string, audit?: AuditEvent): Promise<boolean>;
  /**
   * Persists last uses with their service, region, source address, user agent and action, written
   * together with the date and only when the date moves forward; unknown keys are ignored.
   */
  recordLastUsed(uses: readonly KeyUse[]): Promise<void>;
}

/** Per-key daily request counts. */
export interface UsageStore {
  /** Adds each count to the stored one for its key, day and service (several nodes add concurrently). */
  addDailyUsage(counts: readonly KeyUseCount[]): Promise<void>;
  /** The key's counts, newest day first, services in name order within a day. */
  listDailyUsage(accessKeyId: string): Promise<DailyUsage[]>;
  /** Deletes counts of days before `day` (`YYYY-MM-DD`). */
  purgeDailyUsage(day: string): Promise<void>;
}

/** The audit log. */
export interface AuditStore {
  /** Appends the event; a second event with the same id (the same request) is ignored. */
  appendAuditEvent(event: AuditEvent): Promise<void>;
  /** One page of the account's events, newest first (ties broken by event id, descending). */
  lookupAuditEvents(query: AuditQuery): Promise<AuditEvent[]>;
  /** Deletes events older than `before`. */
  purgeAuditEvents(before: Date): Promise<void>;
}

/** Policies attached to users. */
export interface PolicyStore {
  /** Fails with POLICY_ALREADY_ATTACHED, or USER_NOT_FOUND when the user is gone. */
  attachPolicy(
    accountId: string,
    userId: string,
    attachment: PolicyAttachment,
    audit?: AuditEvent,
  ): Promise<void>;
  /** Returns false when that policy was not attached. */
  detachPolicy(
    accountId: string,
    userId: string,
    policyName: string,
    policyType: PolicyType,
    audit?: AuditEvent,
  ): Promise<boolean>;
  /** The user's policies, in attach order. */
  listPolicies(accountId: string, userId: string): Promise<PolicyAttachment[]>;
}

/** Account security preferences. */
export interface PreferenceStore {
  /** The stored preference, or RAM's defaults when none was set. */
  getSecurityPreference(accountId: string): Promise<SecurityPreference>;
  setSecurityPreference(accountId: string, preference: SecurityPreference, audit?: AuditEvent): Promise<void>;
}

/** Small key/value facts about the store itself (e.g. the master key check value). */
export interface MetaStore {
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
}

/** Accounts, users and keys to insert at once (`akm dev seed`): unchecked, for benchmarks and tests. */
export interface ImportBatch {
  /** New accounts; each also gets the default security preference. */
  readonly accounts: readonly Account[];
  readonly users: readonly User[];
  readonly keys: readonly AccessKey[];
}

/** Bulk loading. */
export interface BulkImportStore {
  /**
   * Inserts the batch in one transaction (all or nothing), accounts first, without the per-account and
   * per-owner limit checks: the caller shapes the data. Fails on a duplicate id like any insert.
   */
  importBatch(batch: ImportBatch): Promise<void>;
}

/** Replaces one stored sealed secret: receives the AccessKeyId and the value stored now. */
export type SecretRewrite = (accessKeyId: string, sealed: string) => string;

/**
 * Re-sealing every stored secret at once (a master-key rotation). New sealed secrets are checked against
 * the seal fence (see seal-fence.ts): `createAccount`, `createAccessKey` and `importBatch` fail with
 * SEALING_KEY_RETIRED when the meta entry `seal_fence` lists prefixes and a key's sealed secret starts
 * with none of them, checked in the same transaction as the insert.
 */
export interface SecretStore {
  /**
   * In one transaction: replaces every AccessKey's sealed secret with `rewrite(accessKeyId, sealed)`
   * and sets the `meta` entries; returns how many secrets it rewrote. Writers wait for it (and it for
   * them), readers see the old values until it commits, and when `rewrite` throws nothing changes.
   */
  rewriteSecrets(rewrite: SecretRewrite, meta: Readonly<Record<string, string>>): Promise<number>;
}

/** Everything akm persists, behind one narrow interface per concern. */
export interface Store
  extends AccountStore,
    BulkImportStore,
    UserStore,
    AccessKeyStore,
    UsageStore,
    AuditStore,
    PolicyStore,
    PreferenceStore,
    MetaStore,
    SecretStore {
  /** Whether the store answers (for /healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Time source; injected so tests pin it. */
export interface Clock {
  now(): Date;
}

/** Seals and opens AccessKey secrets; the AccessKeyId is bound as associated data. */
export interface SecretBox {
  seal(secret: string, accessKeyId: string): string;
  /** Throws when the sealed value was not made for this AccessKeyId or under a known master key. */
  open(sealed: string, accessKeyId: string): string;
  /**
   * Re-reads the master keys when they may have changed (rate-limited); true when the keys changed.
   * Called when the store refuses a sealed value because a rotation retired its key.
   */
  refresh(): boolean;
}

/** Generates identifiers and secrets from a CSPRNG. */
export interface IdGenerator {
  accountId(): string;
  userId(): string;
  /** A new AccessKeyId in the given format (RAM's by default). */
  accessKeyId(format?: AccessKeyFormat): string;
  /** A new secret in the given format (RAM's by default). */
  accessKeySecret(format?: AccessKeyFormat): string;
  requestId(): string;
}

/** Remembers signature nonces per AccessKeyId until they can no longer be replayed. */
export interface NonceStore {
  /** Records the nonce; returns false when it was already seen for this key. */
  remember(accessKeyId: string, nonce: string, expiresAt: Date): Promise<boolean>;
  /** Writes what is still pending and stops background housekeeping. */
  close(): Promise<void> | void;
}

/** Structured logger; one JSON object per line. Never pass secrets. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}
