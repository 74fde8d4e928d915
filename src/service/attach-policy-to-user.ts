/** AttachPolicyToUser: grants a system policy to a user. */
import type { Principal } from '../domain/principal.js';
import type { AuditStamp } from './audit-log.js';
import { parsePolicyType, requireSystemPolicy } from './policy-target.js';
import { requireUser } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';

/** Attaches the policy; POLICY_ALREADY_ATTACHED when it already is. */
export async function attachPolicyToUser(
  deps: ServiceDeps,
  caller: Principal,
  input: { userName: string; policyType: string; policyName: string },
  audit: AuditStamp,
): Promise<void> {
  const policyType = parsePolicyType(input.policyType);
  const policy = requireSystemPolicy(policyType, input.policyName);
  const user = await requireUser(deps.store, caller.accountId, input.userName);
  await deps.store.attachPolicy(
    caller.accountId,
    user.userId,
    {
      policyName: policy.policyName,
      policyType,
      attachDate: deps.clock.now(),
    },
    audit.event(),
  );
}
