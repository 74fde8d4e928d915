/** The one ordered schema migration set, in portable SQL that SQLite and PostgreSQL both run unchanged. */

/** One forward-only schema step. Stores apply each in its own transaction and record it in schema_migrations. */
export interface Migration {
  /** 1, 2, 3 … contiguous; the highest applied version is the schema version. */
  readonly version: number;
  readonly name: string;
  /** Portable DDL: TEXT ids, BIGINT epoch milliseconds, INTEGER 0/1 booleans, no auto-increment. */
  readonly statements: readonly string[];
}

/*
 * Conventions (why the SQL looks the way it does):
 * - Times are BIGINT milliseconds since the epoch, so both dialects compare and sort them as numbers.
 * - Insertion order, where it matters, is an explicit `seq` the store assigns inside its write
 *   transaction: AUTOINCREMENT and SERIAL are dialect-specific.
 * - `users.user_name_key` and `access_keys.owner_key` are computed by the store (see derived-keys.ts),
 *   so that a plain index serves case-insensitive lookups and per-owner counting in both dialects.
 *   A PostgreSQL store must compare and order `user_name_key` with COLLATE "C" to match SQLite's
 *   byte order (the collation cannot be declared here without breaking SQLite).
 */

/** Every migration, oldest first. Never edit one that has shipped: append a new version instead. */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    name: 'initial schema',
    statements: [
      `CREATE TABLE schema_migrations (
        version BIGINT NOT NULL PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at BIGINT NOT NULL
      )`,
      `CREATE TABLE meta (
        key TEXT NOT NULL PRIMARY KEY,
        value TEXT NOT NULL
      )`,
      `CREATE TABLE accounts (
        account_id TEXT NOT NULL PRIMARY KEY,
        create_date BIGINT NOT NULL
      )`,
      `CREATE TABLE users (
        account_id TEXT NOT NULL REFERENCES accounts (account_id),
        user_id TEXT NOT NULL PRIMARY KEY,
        user_name TEXT NOT NULL,
        user_name_key TEXT NOT NULL,
        display_name TEXT NOT NULL,
        mobile_phone TEXT NOT NULL,
        email TEXT NOT NULL,
        comments TEXT NOT NULL,
        create_date BIGINT NOT NULL,
        update_date BIGINT NOT NULL,
        last_login_date BIGINT NULL,
        UNIQUE (account_id, user_name_key)
      )`,
      `CREATE TABLE access_keys (
        access_key_id TEXT NOT NULL PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (account_id),
        user_id TEXT NULL REFERENCES users (user_id),
        owner_key TEXT NOT NULL,
        status TEXT NOT NULL,
        create_date BIGINT NOT NULL,
        encrypted_secret TEXT NOT NULL,
        last_used_date BIGINT NULL
      )`,
      // Serves the per-owner count (limit check, delete-user check) and the oldest-first listing.
      `CREATE INDEX access_keys_by_owner ON access_keys (account_id, owner_key, create_date, access_key_id)`,
      `CREATE TABLE user_policies (
        account_id TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users (user_id),
        policy_name TEXT NOT NULL,
        policy_type TEXT NOT NULL,
        attach_date BIGINT NOT NULL,
        seq BIGINT NOT NULL,
        PRIMARY KEY (account_id, user_id, policy_type, policy_name)
      )`,
      // Serves listing in attach order and the next-seq lookup.
      `CREATE INDEX user_policies_by_seq ON user_policies (account_id, user_id, seq)`,
      `CREATE TABLE security_preferences (
        account_id TEXT NOT NULL PRIMARY KEY REFERENCES accounts (account_id),
        allow_user_to_manage_access_keys INTEGER NOT NULL,
        allow_user_to_change_password INTEGER NOT NULL,
        allow_user_to_manage_mfa_devices INTEGER NOT NULL,
        allow_user_to_manage_public_keys INTEGER NOT NULL,
        enable_save_mfa_ticket INTEGER NOT NULL,
        login_session_duration INTEGER NOT NULL,
        login_network_masks TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'shared nonces',
    statements: [
      // Replay protection shared by every node on one database. No foreign key to access_keys: a nonce is
      // written on every signed request and must not be blocked by, or block, key deletion.
      `CREATE TABLE nonces (
        access_key_id TEXT NOT NULL,
        nonce TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        PRIMARY KEY (access_key_id, nonce)
      )`,
      // Serves the periodic sweep of expired nonces.
      `CREATE INDEX nonces_by_expiry ON nonces (expires_at)`,
    ],
  },
  {
    version: 3,
    name: 'iam paths and last-use scope',
    statements: [
      // IAM's user path; every existing user gets the root path.
      `ALTER TABLE users ADD COLUMN path TEXT NOT NULL DEFAULT '/'`,
      // The service and region of the last use, written together with last_used_date.
      `ALTER TABLE access_keys ADD COLUMN last_used_service TEXT NULL`,
      `ALTER TABLE access_keys ADD COLUMN last_used_region TEXT NULL`,
    ],
  },
  {
    version: 4,
    name: 'usage and audit log',
    statements: [
      // Where the last use came from, written together with last_used_date.
      `ALTER TABLE access_keys ADD COLUMN last_used_source_ip TEXT NULL`,
      `ALTER TABLE access_keys ADD COLUMN last_used_user_agent TEXT NULL`,
      `ALTER TABLE access_keys ADD COLUMN last_used_action TEXT NULL`,
      // Coalesced request counts per key, UTC day (YYYY-MM-DD) and service; flushes add to them. No
      // foreign key: counts outlive a deleted key until retention removes them.
      `CREATE TABLE key_usage_daily (
        access_key_id TEXT NOT NULL,
        day TEXT NOT NULL,
        service_name TEXT NOT NULL,
        request_count BIGINT NOT NULL,
        PRIMARY KEY (access_key_id, day, service_name)
      )`,
      // Serves the retention purge.
      `CREATE INDEX key_usage_daily_by_day ON key_usage_daily (day)`,
      // One event per state-changing request: event_id is its request id, so a request records once.
      `CREATE TABLE audit_events (
        event_id TEXT NOT NULL PRIMARY KEY,
        account_id TEXT NOT NULL,
        event_time BIGINT NOT NULL,
        actor_type TEXT NOT NULL,
        actor_access_key_id TEXT NULL,
        actor_user_name TEXT NULL,
        action TEXT NOT NULL,
        target TEXT NULL,
        source_ip TEXT NULL,
        user_agent TEXT NULL,
        result TEXT NOT NULL,
        error_code TEXT NULL
      )`,
      // Serves LookupEvents (newest first within an account) and the retention purge.
      `CREATE INDEX audit_events_by_account_time ON audit_events (account_id, event_time, event_id)`,
      `CREATE INDEX audit_events_by_time ON audit_events (event_time)`,
    ],
  },
]);

/** The schema version this build of akm reads and writes; a newer database is refused, never migrated down. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
