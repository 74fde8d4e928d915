/** The permission operations: AttachPolicyToUser, DetachPolicyFromUser and ListPoliciesForUser. */
import { auditTarget } from '../../domain/audit.js';
import { attachPolicyToUser } from '../../service/attach-policy-to-user.js';
import { detachPolicyFromUser } from '../../service/detach-policy-from-user.js';
import { listPoliciesForUser } from '../../service/list-policies-for-user.js';
import { defineOperation } from './operation.js';
import { listOf } from './output.js';

const POLICY_INPUT = {
  policyType: { type: 'string', required: true },
  policyName: { type: 'string', required: true },
  userName: { type: 'string', required: true },
} as const;
const policyTarget = (input: { userName: string; policyName: string }) =>
  auditTarget.policy(input.userName, input.policyName);

/** AttachPolicyToUser. */
export const attachPolicyToUserOperation = defineOperation({
  name: 'AttachPolicyToUser',
  permission: { level: 'write', selfServiceKeys: false },
  input: POLICY_INPUT,
  auditTarget: policyTarget,
  async execute({ deps, caller, audit }, input) {
    await attachPolicyToUser(deps, caller, input, audit);
    return {};
  },
});

/** DetachPolicyFromUser. */
export const detachPolicyFromUserOperation = defineOperation({
  name: 'DetachPolicyFromUser',
  permission: { level: 'write', selfServiceKeys: false },
  input: POLICY_INPUT,
  auditTarget: policyTarget,
  async execute({ deps, caller, audit }, input) {
    await detachPolicyFromUser(deps, caller, input, audit);
    return {};
  },
});

/** ListPoliciesForUser. */
export const listPoliciesForUserOperation = defineOperation({
  name: 'ListPoliciesForUser',
  permission: { level: 'read', selfServiceKeys: false },
  input: { userName: { type: 'string', required: true } },
  async execute({ deps, caller }, input) {
    const policies = await listPoliciesForUser(deps, caller, input.userName);
    return {
      policies: listOf(
        'policy',
        policies.map((p) => ({
          policyName: p.policyName,
          policyType: p.policyType,
          description: p.description,
          defaultVersion: p.defaultVersion,
          attachDate: p.attachDate,
        })),
      ),
    };
  },
});
