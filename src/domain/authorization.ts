/**
 * akm's authorisation rules, as RAM applies them to these operations:
 * the root may do everything in its account; AdministratorAccess and AliyunRAMFullAccess may do every
 * operation; AliyunRAMReadOnlyAccess may Get/List; any RAM user may manage its own AccessKeys while the
 * account's AllowUserToManageAccessKeys is true; any caller may ask who it is (identity operations);
 * verifying requests signed for a service needs the root or AkmVerifyAccess, which grants nothing else
 * and which no other policy grants (a service's key should hold only that); everything else is denied.
 */
import type { Principal } from './principal.js';
import { findSystemPolicy } from './system-policies.js';

/** What an operation needs. */
export interface Permission {
  /**
   * Read operations are Get/List; everything else writes, except identity operations, which only
   * describe the caller to itself (GetCallerIdentity) and are open to every authenticated principal,
   * and verification (VerifyRequestSignature), which needs its own policy.
   */
  readonly level: 'read' | 'write' | 'identity' | 'verify';
  /** AccessKey operations a user may perform on its own keys when the account allows it. */
  readonly selfServiceKeys: boolean;
}

/** Facts about the request that the rules depend on. */
export interface AuthorizationContext {
  /** The operation targets the caller itself (UserName omitted or the caller's own name). */
  readonly targetsSelf: boolean;
  /** The account's AllowUserToManageAccessKeys preference; only read when it could matter. */
  readonly allowUserToManageAccessKeys: () => Promise<boolean>;
}

/** Whether the principal may perform an operation needing `permission`. */
export async function isAuthorized(
  principal: Principal,
  permission: Permission,
  context: AuthorizationContext,
): Promise<boolean> {
  if (principal.kind === 'root' || permission.level === 'identity') return true;
  for (const name of principal.policies) {
    const grant = findSystemPolicy(name)?.grant;
    if (permission.level === 'verify') {
      if (grant === 'verify') return true;
      continue;
    }
    if (grant === 'all') return true;
    if (grant === 'read' && permission.level === 'read') return true;
  }
  if (permission.selfServiceKeys && context.targetsSelf) return context.allowUserToManageAccessKeys();
  return false;
}
