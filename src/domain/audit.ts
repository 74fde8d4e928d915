/**
 * The audit log's entities: one event per state-changing request (who, what, on what, from where, and
 * whether it succeeded), and the query LookupEvents runs. Events never carry a secret.
 */

/** Whether the audited request changed what it asked to change. */
export type AuditResult = 'Success' | 'Failure';

/** Who acted: an account root or a user through an AccessKey, or an operator on the host (the CLI). */
export type ActorType = 'Root' | 'User' | 'Operator';

/** One audited request. */
export interface AuditEvent {
  /** The request id: one event per request. */
  readonly eventId: string;
  readonly eventTime: Date;
  /** The account the request acted in. */
  readonly accountId: string;
  readonly actorType: ActorType;
  /** The AccessKey that signed the request (null for an operator). */
  readonly actorAccessKeyId: string | null;
  /** The acting user's name, or the operator's OS user; null for a root. */
  readonly actorUserName: string | null;
  /** The operation, e.g. `CreateAccessKey` (the same name on both wires). */
  readonly action: string;
  /** What it acted on, as an audit target path (see {@link auditTarget}); null when unknown. */
  readonly target: string | null;
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
  readonly result: AuditResult;
  /** The domain error code of a failure, e.g. `NO_PERMISSION`. */
  readonly errorCode: string | null;
}

/** Where a LookupEvents page starts: after this event in newest-first order. */
export interface AuditPosition {
  readonly eventTime: Date;
  readonly eventId: string;
}

/** A LookupEvents query over one account, newest first. */
export interface AuditQuery {
  readonly accountId: string;
  /** Events at or after this time. */
  readonly startTime?: Date;
  /** Events before this time. */
  readonly endTime?: Date;
  /** The acting AccessKeyId or user name. */
  readonly actor?: string;
  readonly action?: string;
  /** A target path: the target itself and everything under it (`user/alice` finds its keys too). */
  readonly target?: string;
  readonly after?: AuditPosition;
  readonly limit: number;
}

/**
 * Audit target paths, one shape per kind of thing changed, so that a target filter finds a user together
 * with its keys and policies: `user/alice`, `user/alice/accesskey/LTAI…`, `root/accesskey/LTAI…`,
 * `user/alice/policy/AdministratorAccess`, `preference`, `account/1234…`.
 */
export const auditTarget = {
  user: (userName: string): string => `user/${userName}`,
  /** The keys of a user, or of the root when `userName` is null. */
  accessKeys: (userName: string | null): string => (userName === null ? 'root' : `user/${userName}`),
  accessKey: (userName: string | null, accessKeyId: string): string =>
    `${auditTarget.accessKeys(userName)}/accesskey/${accessKeyId}`,
  policy: (userName: string, policyName: string): string => `user/${userName}/policy/${policyName}`,
  preference: (): string => 'preference',
  account: (accountId: string): string => `account/${accountId}`,
} as const;
