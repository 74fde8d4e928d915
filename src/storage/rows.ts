/** Row shapes of the tables (shared by the SQLite and PostgreSQL stores) and their mapping to and from the domain entities. */
import type { ActorType, AuditEvent, AuditQuery, AuditResult } from '../domain/audit.js';
import type {
  AccessKey,
  AccessKeyStatus,
  Account,
  DailyUsage,
  PolicyAttachment,
  PolicyType,
  SecurityPreference,
  User,
} from '../domain/entities.js';
import { ownerKeyOfUserId, userNameKey } from './derived-keys.js';

/** A row of `accounts`. */
export interface AccountRow {
  readonly account_id: string;
  readonly create_date: number;
}

/** A row of `users`. */
export interface UserRow {
  readonly account_id: string;
  readonly user_id: string;
  readonly user_name: string;
  readonly user_name_key: string;
  readonly path: string;
  readonly display_name: string;
  readonly mobile_phone: string;
  readonly email: string;
  readonly comments: string;
  readonly create_date: number;
  readonly update_date: number;
  readonly last_login_date: number | null;
}

/** A row of `access_keys`. */
export interface AccessKeyRow {
  readonly access_key_id: string;
  readonly account_id: string;
  readonly user_id: string | null;
  readonly owner_key: string;
  readonly status: string;
  readonly create_date: number;
  readonly encrypted_secret: string;
  readonly last_used_date: number | null;
  readonly last_used_service: string | null;
  readonly last_used_region: string | null;
  readonly last_used_source_ip: string | null;
  readonly last_used_user_agent: string | null;
  readonly last_used_action: string | null;
}

/** A row of `audit_events`. */
export interface AuditEventRow {
  readonly event_id: string;
  readonly account_id: string;
  readonly event_time: number;
  readonly actor_type: string;
  readonly actor_access_key_id: string | null;
  readonly actor_user_name: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly source_ip: string | null;
  readonly user_agent: string | null;
  readonly result: string;
  readonly error_code: string | null;
}

/** The selected columns of `key_usage_daily`. */
export interface DailyUsageRow {
  readonly day: string;
  readonly service_name: string;
  readonly request_count: number;
}

/** The selected columns of `user_policies`. */
export interface PolicyRow {
  readonly policy_name: string;
  readonly policy_type: string;
  readonly attach_date: number;
}

/** The preference columns of `security_preferences` (booleans as 0/1). */
export interface PreferenceRow {
  readonly allow_user_to_manage_access_keys: number;
  readonly allow_user_to_change_password: number;
  readonly allow_user_to_manage_mfa_devices: number;
  readonly allow_user_to_manage_public_keys: number;
  readonly enable_save_mfa_ticket: number;
  readonly login_session_duration: number;
  readonly login_network_masks: string;
}

function toDate(ms: number): Date {
  return new Date(ms);
}

function toOptionalDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

function toMillis(date: Date | null): number | null {
  return date === null ? null : date.getTime();
}

/** Maps an `accounts` row to an {@link Account}. */
export function accountFromRow(row: AccountRow): Account {
  return { accountId: row.account_id, createDate: toDate(row.create_date) };
}

/** Maps an {@link Account} to an `accounts` row. */
export function accountToRow(account: Account): AccountRow {
  return { account_id: account.accountId, create_date: account.createDate.getTime() };
}

/** Maps a `users` row to a {@link User}. */
export function userFromRow(row: UserRow): User {
  return {
    accountId: row.account_id,
    userId: row.user_id,
    userName: row.user_name,
    path: row.path,
    displayName: row.display_name,
    mobilePhone: row.mobile_phone,
    email: row.email,
    comments: row.comments,
    createDate: toDate(row.create_date),
    updateDate: toDate(row.update_date),
    lastLoginDate: toOptionalDate(row.last_login_date),
  };
}

/** Maps a {@link User} to a `users` row, deriving the case-insensitive name key. */
export function userToRow(user: User): UserRow {
  return {
    account_id: user.accountId,
    user_id: user.userId,
    user_name: user.userName,
    user_name_key: userNameKey(user.userName),
    path: user.path,
    display_name: user.displayName,
    mobile_phone: user.mobilePhone,
    email: user.email,
    comments: user.comments,
    create_date: user.createDate.getTime(),
    update_date: user.updateDate.getTime(),
    last_login_date: toMillis(user.lastLoginDate),
  };
}

/** Maps an `access_keys` row to an {@link AccessKey}. */
export function accessKeyFromRow(row: AccessKeyRow): AccessKey {
  return {
    accessKeyId: row.access_key_id,
    accountId: row.account_id,
    userId: row.user_id,
    // The store only ever writes AccessKeyStatus values into this column.
    status: row.status as AccessKeyStatus,
    createDate: toDate(row.create_date),
    encryptedSecret: row.encrypted_secret,
    lastUsedDate: toOptionalDate(row.last_used_date),
    lastUsedService: row.last_used_service,
    lastUsedRegion: row.last_used_region,
    lastUsedSourceIp: row.last_used_source_ip,
    lastUsedUserAgent: row.last_used_user_agent,
    lastUsedAction: row.last_used_action,
  };
}

/** Maps an {@link AccessKey} to an `access_keys` row, deriving its owner key. */
export function accessKeyToRow(key: AccessKey): AccessKeyRow {
  return {
    access_key_id: key.accessKeyId,
    account_id: key.accountId,
    user_id: key.userId,
    owner_key: ownerKeyOfUserId(key.userId),
    status: key.status,
    create_date: key.createDate.getTime(),
    encrypted_secret: key.encryptedSecret,
    last_used_date: toMillis(key.lastUsedDate),
    last_used_service: key.lastUsedService ?? null,
    last_used_region: key.lastUsedRegion ?? null,
    last_used_source_ip: key.lastUsedSourceIp ?? null,
    last_used_user_agent: key.lastUsedUserAgent ?? null,
    last_used_action: key.lastUsedAction ?? null,
  };
}

/** Maps an `audit_events` row to an {@link AuditEvent}. */
export function auditEventFromRow(row: AuditEventRow): AuditEvent {
  return {
    eventId: row.event_id,
    accountId: row.account_id,
    eventTime: toDate(row.event_time),
    // The store only ever writes ActorType and AuditResult values into these columns.
    actorType: row.actor_type as ActorType,
    actorAccessKeyId: row.actor_access_key_id,
    actorUserName: row.actor_user_name,
    action: row.action,
    target: row.target,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    result: row.result as AuditResult,
    errorCode: row.error_code,
  };
}

/** Maps an {@link AuditEvent} to an `audit_events` row. */
export function auditEventToRow(event: AuditEvent): AuditEventRow {
  return {
    event_id: event.eventId,
    account_id: event.accountId,
    event_time: event.eventTime.getTime(),
    actor_type: event.actorType,
    actor_access_key_id: event.actorAccessKeyId,
    actor_user_name: event.actorUserName,
    action: event.action,
    target: event.target,
    source_ip: event.sourceIp,
    user_agent: event.userAgent,
    result: event.result,
    error_code: event.errorCode,
  };
}

/** Maps a `key_usage_daily` row to a {@link DailyUsage}. */
export function dailyUsageFromRow(row: DailyUsageRow): DailyUsage {
  return { day: row.day, serviceName: row.service_name, requestCount: row.request_count };
}

/** Maps a `user_policies` row to a {@link PolicyAttachment}. */
export function policyFromRow(row: PolicyRow): PolicyAttachment {
  return {
    policyName: row.policy_name,
    // The store only ever writes PolicyType values into this column.
    policyType: row.policy_type as PolicyType,
    attachDate: toDate(row.attach_date),
  };
}

/** Maps a `security_preferences` row to a {@link SecurityPreference}. */
export function preferenceFromRow(row: PreferenceRow): SecurityPreference {
  return {
    allowUserToManageAccessKeys: row.allow_user_to_manage_access_keys !== 0,
    allowUserToChangePassword: row.allow_user_to_change_password !== 0,
    allowUserToManageMfaDevices: row.allow_user_to_manage_mfa_devices !== 0,
    allowUserToManagePublicKeys: row.allow_user_to_manage_public_keys !== 0,
    enableSaveMfaTicket: row.enable_save_mfa_ticket !== 0,
    loginSessionDuration: row.login_session_duration,
    loginNetworkMasks: row.login_network_masks,
  };
}

/** Maps a {@link SecurityPreference} to its columns (booleans as 0/1: SQLite cannot bind booleans). */
export function preferenceToRow(preference: SecurityPreference): PreferenceRow {
  return {
    allow_user_to_manage_access_keys: preference.allowUserToManageAccessKeys ? 1 : 0,
    allow_user_to_change_password: preference.allowUserToChangePassword ? 1 : 0,
    allow_user_to_manage_mfa_devices: preference.allowUserToManageMfaDevices ? 1 : 0,
    allow_user_to_manage_public_keys: preference.allowUserToManagePublicKeys ? 1 : 0,
    enable_save_mfa_ticket: preference.enableSaveMfaTicket ? 1 : 0,
    login_session_duration: preference.loginSessionDuration,
    login_network_masks: preference.loginNetworkMasks,
  };
}

/** The parameters of the audit lookup; null means "no such filter". */
export interface AuditLookup {
  readonly account_id: string;
  readonly start_time: number | null;
  readonly end_time: number | null;
  readonly actor: string | null;
  readonly action: string | null;
  readonly target: string | null;
  /** `target + '/'` and its length: the target's descendants match it as a prefix. */
  readonly target_dir: string | null;
  readonly target_dir_length: number | null;
  readonly after_time: number | null;
  readonly after_id: string | null;
  readonly limit: number;
}

/** The lookup parameters of an {@link AuditQuery}. */
export function auditLookupOf(query: AuditQuery): AuditLookup {
  const targetDir = query.target === undefined ? null : `${query.target}/`;
  return {
    account_id: query.accountId,
    start_time: query.startTime?.getTime() ?? null,
    end_time: query.endTime?.getTime() ?? null,
    actor: query.actor ?? null,
    action: query.action ?? null,
    target: query.target ?? null,
    target_dir: targetDir,
    target_dir_length: targetDir?.length ?? null,
    after_time: query.after?.eventTime.getTime() ?? null,
    after_id: query.after?.eventId ?? null,
    limit: query.limit,
  };
}
