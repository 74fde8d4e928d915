/** ListPoliciesForUser: the policies attached to a user, with their catalogue descriptions. */
import type { PolicyAttachment } from '../domain/entities.js';
import type { Principal } from '../domain/principal.js';
import { findSystemPolicy } from '../domain/system-policies.js';
import { requireUser } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';

/** An attached policy as listed. */
export interface ListedPolicy extends PolicyAttachment {
  readonly description: string;
  readonly defaultVersion: string;
}

/** Lists the user's policies in attach order. */
export async function listPoliciesForUser(
  deps: ServiceDeps,
  caller: Principal,
  userName: string,
): Promise<ListedPolicy[]> {
  const user = await requireUser(deps.store, caller.accountId, userName);
  const attached = await deps.store.listPolicies(caller.accountId, user.userId);
  return attached.map((a) => {
    const known = findSystemPolicy(a.policyName);
    return { ...a, description: known?.description ?? '', defaultVersion: known?.defaultVersion ?? 'v1' };
  });
}
