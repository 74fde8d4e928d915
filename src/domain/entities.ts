/** The entities of akm: accounts (tenants), their RAM users, AccessKey pairs and attached policies. */

/** Status of an AccessKey pair; only Active keys may sign requests. */
export type AccessKeyStatus = 'Active' | 'Inactive';

/**
 * The shape of new AccessKey pairs, chosen by the wire that creates them: RAM's (`LTAI` + 20
 * alphanumerics, 30-character secret) or AWS's (`AKIA` + 16 base32 characters, 40-character secret).
 * Either kind signs requests of either wire.
 */
export type AccessKeyFormat = 'ram' | 'aws';

/** Where a request was addressed: the signing service (e.g. `iam`, `ram`) and region, when the wire names one. */
export interface UseScope {
  readonly serviceName: string | null;
  readonly region: string | null;
}

/** Where an authenticated request came from and what it did, when known. */
export interface UseOrigin {
  /** The client's address (the socket's peer, or the forwarded client behind a trusted proxy). */
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
  /** The action the request performed, e.g. `ListUsers`. */
  readonly action: string | null;
}

/** One authenticated use of a key: when, through which service and region, from where, doing what. */
export interface LastUse extends UseScope, UseOrigin {
  readonly date: Date;
}

/** How many requests a key signed on one UTC day through one service. */
export interface DailyUsage {
  /** `YYYY-MM-DD` (UTC). */
  readonly day: string;
  readonly serviceName: string;
  readonly requestCount: number;
}

/** A tenant. Its root identity owns the account; RAM users live inside it. */
export interface Account {
  /** 16-digit numeric string, like an Alibaba Cloud account UID. */
  readonly accountId: string;
  readonly createDate: Date;
}

/** A RAM user of one account. */
export interface User {
  readonly accountId: string;
  /** 16-digit numeric string, unique across akm. */
  readonly userId: string;
  readonly userName: string;
  /** IAM's path, `/` or `/division/team/`; part of the user's ARN. */
  readonly path: string;
  readonly displayName: string;
  readonly mobilePhone: string;
  readonly email: string;
  readonly comments: string;
  readonly createDate: Date;
  readonly updateDate: Date;
  readonly lastLoginDate: Date | null;
}

/** An AccessKey pair as stored: the secret only in encrypted form. */
export interface AccessKey {
  readonly accessKeyId: string;
  readonly accountId: string;
  /** The owning user's id, or `null` when the key belongs to the account root. */
  readonly userId: string | null;
  readonly status: AccessKeyStatus;
  readonly createDate: Date;
  /** The secret sealed by the secret box; never the plaintext. */
  readonly encryptedSecret: string;
  /** Last authenticated use as persisted (pending uses may be newer). */
  readonly lastUsedDate: Date | null;
  /** The service and region of that use; absent or null when not recorded (e.g. uses before schema 3). */
  readonly lastUsedService?: string | null;
  readonly lastUsedRegion?: string | null;
  /** Where that use came from and what it did; absent or null when not recorded (before schema 4). */
  readonly lastUsedSourceIp?: string | null;
  readonly lastUsedUserAgent?: string | null;
  readonly lastUsedAction?: string | null;
}

/** Kind of a policy attached to a user. Only system policies exist in akm today. */
export type PolicyType = 'System' | 'Custom';

/** A policy attached to a user. */
export interface PolicyAttachment {
  readonly policyName: string;
  readonly policyType: PolicyType;
  readonly attachDate: Date;
}

/** Account-wide security preferences (the subset of RAM's SecurityPreference akm enforces or stores). */
export interface SecurityPreference {
  readonly allowUserToManageAccessKeys: boolean;
  readonly allowUserToChangePassword: boolean;
  readonly allowUserToManageMfaDevices: boolean;
  readonly allowUserToManagePublicKeys: boolean;
  readonly enableSaveMfaTicket: boolean;
  readonly loginSessionDuration: number;
  readonly loginNetworkMasks: string;
}

/** RAM's defaults for a new account (AllowUserToManageAccessKeys is false, as in RAM). */
export const DEFAULT_SECURITY_PREFERENCE: SecurityPreference = Object.freeze({
  allowUserToManageAccessKeys: false,
  allowUserToChangePassword: true,
  allowUserToManageMfaDevices: true,
  allowUserToManagePublicKeys: false,
  enableSaveMfaTicket: false,
  loginSessionDuration: 6,
  loginNetworkMasks: '',
});

/** The owner of an AccessKey: the account root or one user. */
export type KeyOwner =
  | { readonly kind: 'root'; readonly accountId: string }
  | { readonly kind: 'user'; readonly accountId: string; readonly userId: string };
