/** GetUser: one user of the caller's account by name. */
import type { User } from '../domain/entities.js';
import type { Principal } from '../domain/principal.js';
import { validateUserName } from '../domain/validation.js';
import { requireUser } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';

/** Returns the user or fails with USER_NOT_FOUND. */
export async function getUser(deps: ServiceDeps, caller: Principal, userName: string): Promise<User> {
  return requireUser(deps.store, caller.accountId, validateUserName(userName));
}
