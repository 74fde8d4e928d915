/** Every SQL statement the PostgreSQL store runs, with positional parameters in the order the store binds them. */

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

/*
 * Locks: FOR NO KEY UPDATE serialises akm's check-then-write sections on one owner row (it conflicts
 * with itself) without blocking the FOR KEY SHARE locks that foreign-key checks of unrelated inserts
 * take on the same row, as FOR UPDATE would.
 *
 * Ordering: user_name_key is compared and sorted with COLLATE "C" (byte order), as SQLite does; the
 * database's default collation may be locale-aware and would order '_' or '.' differently.
 */

/** The column lists of the bulk inserts, in the order of `userParams` and `accessKeyParams`. */
export const SQL_COLUMNS = { users: USER_COLUMNS, accessKeys: ACCESS_KEY_COLUMNS } as const;
/*
 * The seal fence (see domain/seal-fence.ts) is guarded by a transaction-scoped advisory lock per schema:
 * key inserts hold it shared while they read the fence and insert, a secret rewrite holds it exclusively.
 * Each statement takes a fresh snapshot after the lock is granted, so an insert that waited for a rewrite
 * reads the fence that rewrite committed.
 */
const SEAL_FENCE_LOCK = "6384493, hashtext('seal_fence.' || current_schema())";

/** The PostgreSQL store's statements. */
export const SQL = {
  ping: 'SELECT 1 AS found',

  insertAccount: 'INSERT INTO accounts (account_id, create_date) VALUES ($1, $2)',
  selectAccount: 'SELECT account_id, create_date FROM accounts WHERE account_id = $1',
  lockAccount: 'SELECT 1 AS found FROM accounts WHERE account_id = $1 FOR NO KEY UPDATE',

  insertUser: `INSERT INTO users (${USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
  selectUserById: `SELECT ${USER_COLUMNS} FROM users WHERE account_id = $1 AND user_id = $2`,
  lockUserById: `SELECT ${USER_COLUMNS} FROM users WHERE account_id = $1 AND user_id = $2 FOR NO KEY UPDATE`,
  selectUserByNameKey: `SELECT ${USER_COLUMNS} FROM users WHERE account_id = $1 AND user_name_key = $2`,
  countUsers: 'SELECT COUNT(*) AS n FROM users WHERE account_id = $1',
  updateUser: `UPDATE users SET user_name = $3, user_name_key = $4, display_name = $5, mobile_phone = $6,
    email = $7, comments = $8, update_date = $9, path = $10
    WHERE account_id = $1 AND user_id = $2
    RETURNING ${USER_COLUMNS}`,
  // Paths are ASCII, so substr counts the same characters JavaScript does.
  listUsersFirst: `SELECT ${USER_COLUMNS} FROM users WHERE account_id = $1 AND substr(path, 1, $2) = $3
    ORDER BY user_name_key COLLATE "C" LIMIT $4`,
  listUsersAfter: `SELECT ${USER_COLUMNS} FROM users WHERE account_id = $1 AND user_name_key COLLATE "C" > $2
    AND substr(path, 1, $3) = $4
    ORDER BY user_name_key COLLATE "C" LIMIT $5`,
  deleteUser: 'DELETE FROM users WHERE account_id = $1 AND user_id = $2',

  insertAccessKey: `INSERT INTO access_keys (${ACCESS_KEY_COLUMNS})
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
  selectAccessKey: `SELECT ${ACCESS_KEY_COLUMNS} FROM access_keys WHERE access_key_id = $1`,
  countOwnerKeys: 'SELECT COUNT(*) AS n FROM access_keys WHERE account_id = $1 AND owner_key = $2',
  // COLLATE "C" on the tie-break, so keys created in the same millisecond list in the same order as SQLite.
  listOwnerKeys: `SELECT ${ACCESS_KEY_COLUMNS} FROM access_keys WHERE account_id = $1 AND owner_key = $2
    ORDER BY create_date, access_key_id COLLATE "C"`,
  updateKeyStatus:
    'UPDATE access_keys SET status = $1 WHERE access_key_id = $2 AND account_id = $3 AND owner_key = $4',
  deleteKey: 'DELETE FROM access_keys WHERE access_key_id = $1 AND account_id = $2 AND owner_key = $3',
  // Locks the batch's rows in one fixed order first: two nodes flushing overlapping batches would
  // otherwise lock rows in plan order and could deadlock.
  lockKeys: `SELECT 1 AS found FROM access_keys WHERE access_key_id = ANY($1::text[])
    ORDER BY access_key_id COLLATE "C" FOR NO KEY UPDATE`,
  // One statement per batch; repeated keys collapse to their latest use (with its service and region), and
  // a stored date only moves forward.
  touchKeys: `UPDATE access_keys AS k
    SET last_used_date = u.at, last_used_service = u.service, last_used_region = u.region,
      last_used_source_ip = u.source_ip, last_used_user_agent = u.user_agent, last_used_action = u.action
    FROM (SELECT DISTINCT ON (id) id, at, service, region, source_ip, user_agent, action
      FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
        AS t (id, at, service, region, source_ip, user_agent, action)
      ORDER BY id, at DESC) AS u
    WHERE k.access_key_id = u.id AND (k.last_used_date IS NULL OR k.last_used_date < u.at)`,

  // One statement per batch; the batch is summed per row first (ON CONFLICT may touch a row only once).
  addDailyUsage: `INSERT INTO key_usage_daily (access_key_id, day, service_name, request_count)
    SELECT id, day, service, SUM(n) FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
      AS t (id, day, service, n)
    GROUP BY id, day, service
    ORDER BY id COLLATE "C", day, service COLLATE "C"
    ON CONFLICT (access_key_id, day, service_name)
    DO UPDATE SET request_count = key_usage_daily.request_count + EXCLUDED.request_count`,
  listDailyUsage: `SELECT day, service_name, request_count FROM key_usage_daily WHERE access_key_id = $1
    ORDER BY day DESC, service_name COLLATE "C"`,
  purgeDailyUsage: 'DELETE FROM key_usage_daily WHERE day < $1',

  insertAuditEvent: `INSERT INTO audit_events (${AUDIT_COLUMNS})
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
    ON CONFLICT (event_id) DO NOTHING`,
  // Optional filters are NULL when unused; event ids compare in byte order, as in SQLite.
  lookupAuditEvents: `SELECT ${AUDIT_COLUMNS} FROM audit_events
    WHERE account_id = $1
      AND ($2::bigint IS NULL OR event_time >= $2)
      AND ($3::bigint IS NULL OR event_time < $3)
      AND ($4::text IS NULL OR actor_access_key_id = $4 OR actor_user_name = $4)
      AND ($5::text IS NULL OR action = $5)
      AND ($6::text IS NULL OR target = $6 OR substr(target, 1, $8::integer) = $7::text)
      AND ($9::bigint IS NULL OR event_time < $9
        OR (event_time = $9 AND event_id COLLATE "C" < $10::text))
    ORDER BY event_time DESC, event_id COLLATE "C" DESC LIMIT $11`,
  purgeAuditEvents: 'DELETE FROM audit_events WHERE event_time < $1',

  // seq = the user's highest + 1, computed under the user row lock (no SERIAL in the portable schema).
  insertPolicy: `INSERT INTO user_policies (account_id, user_id, policy_name, policy_type, attach_date, seq)
    SELECT $1, $2, $3, $4, $5, COALESCE(MAX(seq), 0) + 1
    FROM user_policies WHERE account_id = $1 AND user_id = $2`,
  selectPolicy: `SELECT 1 AS found FROM user_policies
    WHERE account_id = $1 AND user_id = $2 AND policy_type = $3 AND policy_name = $4`,
  anyPolicy: 'SELECT 1 AS found FROM user_policies WHERE account_id = $1 AND user_id = $2 LIMIT 1',
  deletePolicy: `DELETE FROM user_policies
    WHERE account_id = $1 AND user_id = $2 AND policy_type = $3 AND policy_name = $4`,
  listPolicies: `SELECT policy_name, policy_type, attach_date FROM user_policies
    WHERE account_id = $1 AND user_id = $2 ORDER BY seq`,

  selectPreference: `SELECT ${PREFERENCE_COLUMNS} FROM security_preferences WHERE account_id = $1`,
  upsertPreference: `INSERT INTO security_preferences (account_id, ${PREFERENCE_COLUMNS})
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (account_id) DO UPDATE SET
      allow_user_to_manage_access_keys = EXCLUDED.allow_user_to_manage_access_keys,
      allow_user_to_change_password = EXCLUDED.allow_user_to_change_password,
      allow_user_to_manage_mfa_devices = EXCLUDED.allow_user_to_manage_mfa_devices,
      allow_user_to_manage_public_keys = EXCLUDED.allow_user_to_manage_public_keys,
      enable_save_mfa_ticket = EXCLUDED.enable_save_mfa_ticket,
      login_session_duration = EXCLUDED.login_session_duration,
      login_network_masks = EXCLUDED.login_network_masks`,

  lockSealFenceShared: `SELECT pg_advisory_xact_lock_shared(${SEAL_FENCE_LOCK})`,
  lockSealFenceExclusive: `SELECT pg_advisory_xact_lock(${SEAL_FENCE_LOCK})`,
  // In the same fixed order as lockKeys, so a rewrite and a last-use flush cannot deadlock.
  lockAllSecrets: `SELECT access_key_id, encrypted_secret FROM access_keys
    ORDER BY access_key_id COLLATE "C" FOR NO KEY UPDATE`,
  updateSecrets: `UPDATE access_keys AS k SET encrypted_secret = u.sealed
    FROM unnest($1::text[], $2::text[]) AS u (id, sealed) WHERE k.access_key_id = u.id`,

  selectMeta: 'SELECT value FROM meta WHERE key = $1',
  upsertMeta:
    'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
} as const;
