/** UpdateUser: renames a user or changes its profile fields. */
import type { User } from '../domain/entities.js';
import type { UserChanges } from '../domain/ports.js';
import type { Principal } from '../domain/principal.js';
import {
  validateComments,
  validateDisplayName,
  validateEmail,
  validateMobilePhone,
  validatePath,
  validateUserName,
} from '../domain/validation.js';
import type { AuditStamp } from './audit-log.js';
import { requireUser } from './resolve-key-owner.js';
import type { ServiceDeps } from './service-deps.js';

/** What UpdateUser takes; absent fields stay as they are. */
export interface UpdateUserInput {
  readonly userName: string;
  readonly newUserName?: string | undefined;
  readonly newPath?: string | undefined;
  readonly newDisplayName?: string | undefined;
  readonly newMobilePhone?: string | undefined;
  readonly newEmail?: string | undefined;
  readonly newComments?: string | undefined;
}

/** Validates every new value before touching the store, then applies them in one update. */
export async function updateUser(
  deps: ServiceDeps,
  caller: Principal,
  input: UpdateUserInput,
  audit: AuditStamp,
): Promise<User> {
  const changes: { -readonly [K in keyof UserChanges]: UserChanges[K] } = { updateDate: deps.clock.now() };
  if (input.newUserName !== undefined) changes.userName = validateUserName(input.newUserName, 'newUserName');
  if (input.newPath !== undefined) changes.path = validatePath(input.newPath, 'newPath');
  if (input.newDisplayName !== undefined) {
    changes.displayName = validateDisplayName(input.newDisplayName, 'newDisplayName');
  }
  if (input.newMobilePhone !== undefined) {
    changes.mobilePhone = validateMobilePhone(input.newMobilePhone, 'newMobilePhone');
  }
  if (input.newEmail !== undefined) changes.email = validateEmail(input.newEmail, 'newEmail');
  if (input.newComments !== undefined) changes.comments = validateComments(input.newComments, 'newComments');
  const user = await requireUser(deps.store, caller.accountId, input.userName);
  return deps.store.updateUser(caller.accountId, user.userId, changes, audit.event());
}
