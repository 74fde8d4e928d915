/** GetSecurityPreference / SetSecurityPreference: the account's preferences, AllowUserToManageAccessKeys above all. */
import type { SecurityPreference } from '../domain/entities.js';
import { AkmError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import type { AuditStamp } from './audit-log.js';
import type { ServiceDeps } from './service-deps.js';

/** The caller's account preferences (RAM's defaults until set). */
export function getSecurityPreference(deps: ServiceDeps, caller: Principal): Promise<SecurityPreference> {
  return deps.store.getSecurityPreference(caller.accountId);
}

/** Fields SetSecurityPreference may change; absent ones keep their value. */
export type SecurityPreferenceChanges = {
  readonly [K in keyof SecurityPreference]?: SecurityPreference[K] | undefined;
};

/** Applies the changes and returns the resulting preferences. */
export async function setSecurityPreference(
  deps: ServiceDeps,
  caller: Principal,
  changes: SecurityPreferenceChanges,
  audit: AuditStamp,
): Promise<SecurityPreference> {
  const duration = changes.loginSessionDuration;
  if (duration !== undefined && (!Number.isInteger(duration) || duration < 1 || duration > 24)) {
    throw new AkmError('INVALID_VALUE', { field: 'loginSessionDuration' });
  }
  const current = await deps.store.getSecurityPreference(caller.accountId);
  const next: SecurityPreference = { ...current };
  for (const [k, v] of Object.entries(changes)) {
    if (v !== undefined) Object.assign(next, { [k]: v });
  }
  await deps.store.setSecurityPreference(caller.accountId, next, audit.event());
  return next;
}
