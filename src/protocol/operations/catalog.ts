/** Every operation akm serves, by name. */
import {
  createAccessKeyOperation,
  deleteAccessKeyOperation,
  getAccessKeyLastUsedOperation,
  listAccessKeysOperation,
  listAccessKeyUsageOperation,
  updateAccessKeyOperation,
} from './access-key-operations.js';
import { lookupEventsOperation } from './audit-operations.js';
import { getCallerIdentityOperation } from './caller-identity-operation.js';
import type { Operation } from './operation.js';
import {
  attachPolicyToUserOperation,
  detachPolicyFromUserOperation,
  listPoliciesForUserOperation,
} from './policy-operations.js';
import {
  getSecurityPreferenceOperation,
  setSecurityPreferenceOperation,
} from './security-preference-operations.js';
import {
  createUserOperation,
  deleteUserOperation,
  getUserOperation,
  listUsersOperation,
  updateUserOperation,
} from './user-operations.js';
import { verifyRequestSignatureOperation } from './verify-request-signature-operation.js';

/** All operations; each wire protocol decides which of them it exposes and under what name. */
export const OPERATIONS: readonly Operation[] = [
  createAccessKeyOperation,
  deleteAccessKeyOperation,
  updateAccessKeyOperation,
  listAccessKeysOperation,
  getAccessKeyLastUsedOperation,
  listAccessKeyUsageOperation,
  createUserOperation,
  getUserOperation,
  updateUserOperation,
  listUsersOperation,
  deleteUserOperation,
  attachPolicyToUserOperation,
  detachPolicyFromUserOperation,
  listPoliciesForUserOperation,
  getSecurityPreferenceOperation,
  setSecurityPreferenceOperation,
  getCallerIdentityOperation,
  verifyRequestSignatureOperation,
  lookupEventsOperation,
];
