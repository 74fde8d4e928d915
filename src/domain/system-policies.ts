/** The system policies akm knows: the minimal faithful subset of RAM's catalogue. */

/**
 * What a system policy grants over akm's operations: every operation, the Get/List ones, or only the
 * verification of requests signed for the caller's own services.
 */
export type PolicyGrant = 'all' | 'read' | 'verify';

/** A system policy as ListPoliciesForUser describes it. */
export interface SystemPolicy {
  readonly policyName: string;
  readonly description: string;
  readonly defaultVersion: string;
  readonly grant: PolicyGrant;
}

/** RAM's system policies that govern the operations akm serves, and akm's own. */
export const SYSTEM_POLICIES: readonly SystemPolicy[] = Object.freeze([
  {
    policyName: 'AdministratorAccess',
    description: 'Provides full access to Alibaba Cloud services and resources.',
    defaultVersion: 'v1',
    grant: 'all',
  },
  {
    policyName: 'AliyunRAMFullAccess',
    description: 'Provides full access to Resource Access Management (RAM).',
    defaultVersion: 'v1',
    grant: 'all',
  },
  {
    policyName: 'AliyunRAMReadOnlyAccess',
    description: 'Provides read-only access to Resource Access Management (RAM).',
    defaultVersion: 'v1',
    grant: 'read',
  },
  {
    policyName: 'AkmVerifyAccess',
    description: 'Lets a service verify requests signed for it with akm AccessKeys (akm).',
    defaultVersion: 'v1',
    grant: 'verify',
  },
]);

/** Looks a system policy up by its exact name. */
export function findSystemPolicy(policyName: string): SystemPolicy | undefined {
  return SYSTEM_POLICIES.find((p) => p.policyName === policyName);
}
