/** CreateUser: a new user in the caller's account. */
import type { User } from '../domain/entities.js';
import { MAX_USERS_PER_ACCOUNT } from '../domain/limits.js';
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
import type { ServiceDeps } from './service-deps.js';

/** What CreateUser takes. */
export interface CreateUserInput {
  readonly userName: string;
  /** IAM's path; `/` when absent. */
  readonly path?: string | undefined;
  readonly displayName?: string | undefined;
  readonly mobilePhone?: string | undefined;
  readonly email?: string | undefined;
  readonly comments?: string | undefined;
}

/** Validates and creates the user; names are unique per account regardless of case. */
export async function createUser(
  deps: ServiceDeps,
  caller: Principal,
  input: CreateUserInput,
  audit: AuditStamp,
): Promise<User> {
  const now = deps.clock.now();
  const user: User = {
    accountId: caller.accountId,
    userId: deps.ids.userId(),
    userName: validateUserName(input.userName),
    path: input.path === undefined ? '/' : validatePath(input.path),
    displayName: input.displayName === undefined ? '' : validateDisplayName(input.displayName),
    mobilePhone: input.mobilePhone === undefined ? '' : validateMobilePhone(input.mobilePhone),
    email: input.email === undefined ? '' : validateEmail(input.email),
    comments: input.comments === undefined ? '' : validateComments(input.comments),
    createDate: now,
    updateDate: now,
    lastLoginDate: null,
  };
  await deps.store.createUser(user, MAX_USERS_PER_ACCOUNT, audit.event());
  return user;
}
