/** DetachPolicyFromUser: revokes a policy from a user. */
import { AkmError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import type { AuditStamp } from './audit-log.js';
import { parsePolicyType, requireSystemPolicy } from './policy-target.js';
import { requireUser } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';

/** Detaches the policy; POLICY_NOT_ATTACHED when the user does not have it. */
export async function detachPolicyFromUser(
  deps: ServiceDeps,
  caller: Principal,
  input: { userName: string; policyType: string; policyName: string },
  audit: AuditStamp,
): Promise<void> {
  const policyType = parsePolicyType(input.policyType);
  const policy = requireSystemPolicy(policyType, input.policyName);
  const user = await requireUser(deps.store, caller.accountId, input.userName);
  const detached = await deps.store.detachPolicy(
    caller.accountId,
    user.userId,
    policy.policyName,
    policyType,
    audit.event(),
  );
  if (!detached) throw new AkmError('POLICY_NOT_ATTACHED', { entity: policy.policyName });
}
