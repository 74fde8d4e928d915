/** Every SQL statement the SQLite store runs, prepared once per connection. */
import type Database from 'better-sqlite3';
import type { AccessKeyRow, AccountRow, PolicyRow, PreferenceRow, UserRow } from '../rows.js';

const USER_COLUMNS = `account_id, user_id, user_name, user_name_key, path, display_name, mobile_phone, email,
  comments, create_date, update_date, last_login_date`;

const ACCESS_KEY_COLUMNS = `access_key_id, account_id, user_id, owner_key, status, create_date,
  encrypted_secret, last_used_date, last_used_service, last_used_region`;

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
        @last_used_region)`,
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
    touchKey: db.prepare<[number, string | null, string | null, string, number]>(
      `UPDATE access_keys SET last_used_date = ?, last_used_service = ?, last_used_region = ?
       WHERE access_key_id = ? AND (last_used_date IS NULL OR last_used_date < ?)`,
    ),

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
