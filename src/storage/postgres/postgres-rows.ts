/** Row values as PostgreSQL returns them to akm: BIGINT parsed to numbers, so the shared row mapping applies. */
import { TypeOverrides, types } from 'pg';
import type { SecurityPreference } from '../../domain/entities.js';
import {
  type AccessKeyRow,
  type AuditEventRow,
  type AuditLookup,
  preferenceToRow,
  type UserRow,
} from '../rows.js';

/**
 * The schema is portable, so PostgreSQL rows have exactly the shapes and value types of SQLite rows
 * once BIGINT is a number; the entity mapping is therefore shared rather than repeated.
 */
export {
  type AccessKeyRow,
  type AccountRow,
  type AuditEventRow,
  accessKeyFromRow,
  accessKeyToRow,
  accountFromRow,
  accountToRow,
  auditEventFromRow,
  auditEventToRow,
  auditLookupOf,
  type DailyUsageRow,
  dailyUsageFromRow,
  type PolicyRow,
  type PreferenceRow,
  policyFromRow,
  preferenceFromRow,
  preferenceToRow,
  type UserRow,
  userFromRow,
  userToRow,
} from '../rows.js';

/**
 * Parses a BIGINT (epoch milliseconds, counts, versions) to a number. `pg` returns BIGINT as a string
 * because it may exceed 2^53; akm's values never do, and a value that did would be silently rounded,
 * so it fails loudly instead.
 */
export function parseBigint(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} is outside the safe integer range`);
  return value;
}

/**
 * Type parsers for akm's connections. Per pool rather than `pg.types.setTypeParser`, which would change
 * the parsing of every other `pg` user in the process.
 */
export function createPostgresTypes(): TypeOverrides {
  const overrides = new TypeOverrides();
  overrides.setTypeParser(types.builtins.INT8, parseBigint);
  return overrides;
}

/** A `users` row as the positional parameters of `SQL.insertUser` (column order of the table). */
export function userParams(row: UserRow): unknown[] {
  return [
    row.account_id,
    row.user_id,
    row.user_name,
    row.user_name_key,
    row.path,
    row.display_name,
    row.mobile_phone,
    row.email,
    row.comments,
    row.create_date,
    row.update_date,
    row.last_login_date,
  ];
}

/** An `access_keys` row as the positional parameters of `SQL.insertAccessKey`. */
export function accessKeyParams(row: AccessKeyRow): unknown[] {
  return [
    row.access_key_id,
    row.account_id,
    row.user_id,
    row.owner_key,
    row.status,
    row.create_date,
    row.encrypted_secret,
    row.last_used_date,
    row.last_used_service,
    row.last_used_region,
    row.last_used_source_ip,
    row.last_used_user_agent,
    row.last_used_action,
  ];
}

/** An `audit_events` row as the positional parameters of `SQL.insertAuditEvent`. */
export function auditEventParams(row: AuditEventRow): unknown[] {
  return [
    row.event_id,
    row.account_id,
    row.event_time,
    row.actor_type,
    row.actor_access_key_id,
    row.actor_user_name,
    row.action,
    row.target,
    row.source_ip,
    row.user_agent,
    row.result,
    row.error_code,
  ];
}

/** Lookup parameters as the positional parameters of `SQL.lookupAuditEvents`. */
export function auditLookupParams(lookup: AuditLookup): unknown[] {
  return [
    lookup.account_id,
    lookup.start_time,
    lookup.end_time,
    lookup.actor,
    lookup.action,
    lookup.target,
    lookup.target_dir,
    lookup.target_dir_length,
    lookup.after_time,
    lookup.after_id,
    lookup.limit,
  ];
}

/** An account's preference as the positional parameters of `SQL.upsertPreference`. */
export function preferenceParams(accountId: string, preference: SecurityPreference): unknown[] {
  const row = preferenceToRow(preference);
  return [
    accountId,
    row.allow_user_to_manage_access_keys,
    row.allow_user_to_change_password,
    row.allow_user_to_manage_mfa_devices,
    row.allow_user_to_manage_public_keys,
    row.enable_save_mfa_ticket,
    row.login_session_duration,
    row.login_network_masks,
  ];
}
