/** Validation shared by the policy operations: the policy's type and name, and the target user. */
import type { PolicyType } from '../domain/entities.js';
import { AkmError } from '../domain/errors.js';
import { findSystemPolicy, type SystemPolicy } from '../domain/system-policies.js';
import { validatePolicyName } from '../domain/validation.js';

/** Parses PolicyType: `System` or `Custom`, exactly. */
export function parsePolicyType(value: string): PolicyType {
  if (value === 'System' || value === 'Custom') return value;
  throw new AkmError('INVALID_VALUE', { field: 'policyType' });
}

/** The system policy named, or POLICY_NOT_FOUND (akm has no custom policies yet). */
export function requireSystemPolicy(policyType: PolicyType, policyName: string): SystemPolicy {
  validatePolicyName(policyName);
  const policy = policyType === 'System' ? findSystemPolicy(policyName) : undefined;
  if (!policy) throw new AkmError('POLICY_NOT_FOUND', { entity: policyName });
  return policy;
}
