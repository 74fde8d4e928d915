/** Every SQL statement the SQLite store runs, prepared once per connection. */
import type Database from 'better-sqlite3';
import type {
  AccessKeyRow,
  AccountRow,
  AuditEventRow,
  AuditLookup,
  DailyUsageRow,
  PolicyRow,
  PreferenceRow,
  UserRow,
} from '../rows.js';

const USER_COLUMNS = `account_id, user_id, user_name, user_name_key, path, display_name, mobile_phone, email,
  comments, create_date, update_date, last_login_date`;

const ACCESS_KEY_COLUMNS = `access_key_id, account_id, user_id, owner_key, status, create_date,
  encrypted_secret, last_used_date, last_used_service, last_used_region, last_used_source_ip,
  last_used_user_agent, last_used_action`;

const AUDIT_COLUMNS = `event_id, account_id, event_time, actor_type, actor_access_key_id, actor_user_name,
  action, target, source_ip, user_agent, result, error_code`;

const PREFERENCE_COLUMNS = `allow_user_to_manage_access_keys, allow_user_to_change_password,
  allow_user_to_manage_mfa_devices, allow_user_to_manage_public_keys, enable_save_mfa_ticket,
  login_session_duration, login_network_masks`;

/** Named parameters of the policy insert. */
export interface PolicyInsert extends PolicyRow {
  readonly account_id: string;
  readonly user_id: string;
}

/** Named parameters of the preference upsert. */
export interface PreferenceUpsert extends PreferenceRow {
  readonly account_id: string;
}

/** Named parameters of the last-use update. */
export interface LastUseUpdate {
  readonly access_key_id: string;
  readonly at: number;
  readonly service: string | null;
  readonly region: string | null;
  readonly source_ip: string | null;
  readonly user_agent: string | null;
  readonly action: string | null;
}

/** Named parameters of the daily usage upsert. */
export interface DailyUsageAdd extends DailyUsageRow {
  readonly access_key_id: string;
}

/** A `COUNT(*)` result. */
interface Count {
  readonly n: number;
}

/** An existence probe result. */
interface Found {
  readonly found: number;
}

/** Prepares all statements on `db`; the schema must already be at the latest version. */
export function prepareSqliteStatements(db: Database.Database) {
  return {
    ping: db.prepare<[], Found>('SELECT 1 AS found'),

    insertAccount: db.prepare<AccountRow>(
      'INSERT INTO accounts (account_id, create_date) VALUES (@account_id, @create_date)',
    ),
    selectAccount: db.prepare<[string], AccountRow>(
      'SELECT account_id, create_date FROM accounts WHERE account_id = ?',
    ),

    insertUser: db.prepare<UserRow>(
      `INSERT INTO users (${USER_COLUMNS}) VALUES (@account_id, @user_id, @user_name, @user_name_key, @path,
        @display_name, @mobile_phone, @email, @comments, @create_date, @update_date, @last_login_date)`,
    ),
    selectUserById: db.prepare<[string, string], UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE account_id = ? AND user_id = ?`,
    ),
    selectUserByNameKey: db.prepare<[string, string], UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE account_id = ? AND user_name_key = ?`,
    ),
    countUsers: db.prepare<[string], Count>('SELECT COUNT(*) AS n FROM users WHERE account_id = ?'),
    updateUser: db.prepare<UserRow>(
      `UPDATE users SET user_name = @user_name, user_name_key = @user_name_key, path = @path,
        display_name = @display_name, mobile_phone = @mobile_phone, email = @email, comments = @comments,
        update_date = @update_date
       WHERE account_id = @account_id AND user_id = @user_id`,
    ),
    // Paths are ASCII, so substr counts the same characters JavaScript does.
    listUsersFirst: db.prepare<[string, number, string, number], UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE account_id = ? AND substr(path, 1, ?) = ?
       ORDER BY user_name_key LIMIT ?`,
    ),
    listUsersAfter: db.prepare<[string, string, number, string, number], UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE account_id = ? AND user_name_key > ? AND substr(path, 1, ?) = ?
       ORDER BY user_name_key LIMIT ?`,
    ),
    deleteUser: db.prepare<[string, string]>('DELETE FROM users WHERE account_id = ? AND user_id = ?'),

    insertAccessKey: db.prepare<AccessKeyRow>(
      `INSERT INTO access_keys (${ACCESS_KEY_COLUMNS}) VALUES (@access_key_id, @account_id, @user_id,
        @owner_key, @status, @create_date, @encrypted_secret, @last_used_date, @last_used_service,
        @last_used_region, @last_used_source_ip, @last_used_user_agent, @last_used_action)`,
    ),
    selectAccessKey: db.prepare<[string], AccessKeyRow>(
      `SELECT ${ACCESS_KEY_COLUMNS} FROM access_keys WHERE access_key_id = ?`,
    ),
    countOwnerKeys: db.prepare<[string, string], Count>(
      'SELECT COUNT(*) AS n FROM access_keys WHERE account_id = ? AND owner_key = ?',
    ),
    listOwnerKeys: db.prepare<[string, string], AccessKeyRow>(
      `SELECT ${ACCESS_KEY_COLUMNS} FROM access_keys WHERE account_id = ? AND owner_key = ?
       ORDER BY create_date, access_key_id`,
    ),
    updateKeyStatus: db.prepare<[string, string, string, string]>(
      'UPDATE access_keys SET status = ? WHERE access_key_id = ? AND account_id = ? AND owner_key = ?',
    ),
    deleteKey: db.prepare<[string, string, string]>(
      'DELETE FROM access_keys WHERE access_key_id = ? AND account_id = ? AND owner_key = ?',
    ),
    // Only ever moves forwards: a late flush of an older observation must not undo a newer one.
    touchKey: db.prepare<LastUseUpdate>(
      `UPDATE access_keys SET last_used_date = @at, last_used_service = @service, last_used_region = @region,
         last_used_source_ip = @source_ip, last_used_user_agent = @user_agent, last_used_action = @action
       WHERE access_key_id = @access_key_id AND (last_used_date IS NULL OR last_used_date < @at)`,
    ),

    addDailyUsage: db.prepare<DailyUsageAdd>(
      `INSERT INTO key_usage_daily (access_key_id, day, service_name, request_count)
       VALUES (@access_key_id, @day, @service_name, @request_count)
       ON CONFLICT (access_key_id, day, service_name)
       DO UPDATE SET request_count = key_usage_daily.request_count + excluded.request_count`,
    ),
    listDailyUsage: db.prepare<[string], DailyUsageRow>(
      `SELECT day, service_name, request_count FROM key_usage_daily WHERE access_key_id = ?
       ORDER BY day DESC, service_name`,
    ),
    purgeDailyUsage: db.prepare<[string]>('DELETE FROM key_usage_daily WHERE day < ?'),

    insertAuditEvent: db.prepare<AuditEventRow>(
      `INSERT INTO audit_events (${AUDIT_COLUMNS}) VALUES (@event_id, @account_id, @event_time, @actor_type,
         @actor_access_key_id, @actor_user_name, @action, @target, @source_ip, @user_agent, @result,
         @error_code)
       ON CONFLICT (event_id) DO NOTHING`,
    ),
    lookupAuditEvents: db.prepare<AuditLookup, AuditEventRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_events
       WHERE account_id = @account_id
         AND (@start_time IS NULL OR event_time >= @start_time)
         AND (@end_time IS NULL OR event_time < @end_time)
         AND (@actor IS NULL OR actor_access_key_id = @actor OR actor_user_name = @actor)
         AND (@action IS NULL OR action = @action)
         AND (@target IS NULL OR target = @target
           OR substr(target, 1, @target_dir_length) = @target_dir)
         AND (@after_time IS NULL OR event_time < @after_time
           OR (event_time = @after_time AND event_id < @after_id))
       ORDER BY event_time DESC, event_id DESC LIMIT @limit`,
    ),
    purgeAuditEvents: db.prepare<[number]>('DELETE FROM audit_events WHERE event_time < ?'),

    // seq = the user's highest + 1, computed inside the write transaction (no AUTOINCREMENT/SERIAL).
    insertPolicy: db.prepare<PolicyInsert>(
      `INSERT INTO user_policies (account_id, user_id, policy_name, policy_type, attach_date, seq)
       SELECT @account_id, @user_id, @policy_name, @policy_type, @attach_date, COALESCE(MAX(seq), 0) + 1
       FROM user_policies WHERE account_id = @account_id AND user_id = @user_id`,
    ),
    selectPolicy: db.prepare<[string, string, string, string], Found>(
      `SELECT 1 AS found FROM user_policies
       WHERE account_id = ? AND user_id = ? AND policy_type = ? AND policy_name = ?`,
    ),
    anyPolicy: db.prepare<[string, string], Found>(
      'SELECT 1 AS found FROM user_policies WHERE account_id = ? AND user_id = ? LIMIT 1',
    ),
    deletePolicy: db.prepare<[string, string, string, string]>(
      `DELETE FROM user_policies
       WHERE account_id = ? AND user_id = ? AND policy_type = ? AND policy_name = ?`,
    ),
    listPolicies: db.prepare<[string, string], PolicyRow>(
      `SELECT policy_name, policy_type, attach_date FROM user_policies
       WHERE account_id = ? AND user_id = ? ORDER BY seq`,
    ),

    selectPreference: db.prepare<[string], PreferenceRow>(
      `SELECT ${PREFERENCE_COLUMNS} FROM security_preferences WHERE account_id = ?`,
    ),
    upsertPreference: db.prepare<PreferenceUpsert>(
      `INSERT INTO security_preferences (account_id, ${PREFERENCE_COLUMNS})
       VALUES (@account_id, @allow_user_to_manage_access_keys, @allow_user_to_change_password,
         @allow_user_to_manage_mfa_devices, @allow_user_to_manage_public_keys, @enable_save_mfa_ticket,
         @login_session_duration, @login_network_masks)
       ON CONFLICT (account_id) DO UPDATE SET
         allow_user_to_manage_access_keys = excluded.allow_user_to_manage_access_keys,
         allow_user_to_change_password = excluded.allow_user_to_change_password,
         allow_user_to_manage_mfa_devices = excluded.allow_user_to_manage_mfa_devices,
         allow_user_to_manage_public_keys = excluded.allow_user_to_manage_public_keys,
         enable_save_mfa_ticket = excluded.enable_save_mfa_ticket,
         login_session_duration = excluded.login_session_duration,
         login_network_masks = excluded.login_network_masks`,
    ),

    selectAllSecrets: db.prepare<[], { readonly access_key_id: string; readonly encrypted_secret: string }>(
      'SELECT access_key_id, encrypted_secret FROM access_keys ORDER BY access_key_id',
    ),
    updateSecret: db.prepare<[string, string]>(
      'UPDATE access_keys SET encrypted_secret = ? WHERE access_key_id = ?',
    ),

    selectMeta: db.prepare<[string], { readonly value: string }>('SELECT value FROM meta WHERE key = ?'),
    upsertMeta: db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
  };
}

/** The prepared statements of one SQLite connection. */
export type SqliteStatements = ReturnType<typeof prepareSqliteStatements>;
