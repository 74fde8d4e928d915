/**
 * The RAM wire's description of the operations it serves: inputs, the constraints RAM publishes for
 * them, and exactly the fields (and order) RAM responses carry. Operations without an entry are served
 * with every input and output under RAM's default names.
 */
import { type Constraint, length, pattern } from '../../domain/constraints.js';
import { USER_NAME_PATTERN } from '../../domain/validation.js';
import {
  createAccessKeyOperation,
  deleteAccessKeyOperation,
  getAccessKeyLastUsedOperation,
  listAccessKeysOperation,
  updateAccessKeyOperation,
} from '../operations/access-key-operations.js';
import { OPERATIONS } from '../operations/catalog.js';
import {
  createUserOperation,
  deleteUserOperation,
  getUserOperation,
  listUsersOperation,
  updateUserOperation,
} from '../operations/user-operations.js';
import { bindingsByAction, type FieldConstraints, type WireBinding } from '../operations/wire-binding.js';
import { type FieldRule, field } from '../operations/wire-shape.js';

/** The names RAM lets you create: letters, digits and `.@_-` (other stored names are still addressable). */
const RAM_NEW_USER_NAME: readonly Constraint[] = [length(1, 64), pattern('[a-zA-Z0-9.@_-]+')];

/** RAM's checks on names it looks up: any name akm can store. */
export const RAM_CONSTRAINTS: FieldConstraints = {
  userName: [length(1, 64), pattern(USER_NAME_PATTERN)],
  newUserName: RAM_NEW_USER_NAME,
};

const KEY: readonly FieldRule[] = ['accessKeyId', 'status', 'createDate'];
const USER: readonly FieldRule[] = [
  'userId',
  'userName',
  'displayName',
  'mobilePhone',
  'email',
  'comments',
  'createDate',
];
const USER_UPDATED: readonly FieldRule[] = [...USER, 'updateDate'];

const EXPLICIT: readonly WireBinding[] = [
  {
    action: 'CreateAccessKey',
    operation: createAccessKeyOperation,
    input: ['userName'],
    output: [field('accessKey', { shape: ['accessKeyId', 'accessKeySecret', 'status', 'createDate'] })],
  },
  {
    action: 'DeleteAccessKey',
    operation: deleteAccessKeyOperation,
    input: ['userName', 'accessKeyId'],
    output: [],
  },
  {
    action: 'UpdateAccessKey',
    operation: updateAccessKeyOperation,
    input: ['userName', 'accessKeyId', 'status'],
    output: [],
  },
  {
    action: 'ListAccessKeys',
    operation: listAccessKeysOperation,
    input: ['userName'],
    output: [field('accessKeys', { shape: KEY })],
  },
  {
    action: 'GetAccessKeyLastUsed',
    operation: getAccessKeyLastUsedOperation,
    input: ['userName', 'accessKeyId'],
    // RAM's model has only LastUsedDate; akm adds where the use came from (clients ignore extra fields).
    output: [
      field('accessKeyLastUsed', {
        shape: ['lastUsedDate', 'serviceName', 'region', 'sourceIp', 'userAgent', 'action'],
      }),
    ],
  },
  {
    action: 'CreateUser',
    operation: createUserOperation,
    input: ['userName', 'displayName', 'mobilePhone', 'email', 'comments'],
    constraints: { userName: RAM_NEW_USER_NAME },
    output: [field('user', { shape: USER })],
  },
  {
    action: 'GetUser',
    operation: getUserOperation,
    input: ['userName'],
    required: ['userName'],
    output: [field('user', { shape: [...USER_UPDATED, 'lastLoginDate'] })],
  },
  {
    action: 'UpdateUser',
    operation: updateUserOperation,
    input: ['userName', 'newUserName', 'newDisplayName', 'newMobilePhone', 'newEmail', 'newComments'],
    output: [field('user', { shape: USER_UPDATED })],
  },
  {
    action: 'ListUsers',
    operation: listUsersOperation,
    input: ['marker', 'maxItems'],
    output: ['isTruncated', 'marker', field('users', { shape: USER_UPDATED })],
  },
  { action: 'DeleteUser', operation: deleteUserOperation, input: 'all', output: [] },
];

/** akm's own actions on RAM's endpoint: RAM has no such action, so its SDK has no model for them. */
export const AKM_EXTENSION_ACTIONS: ReadonlySet<string> = new Set([
  'GetCallerIdentity',
  'ListAccessKeyUsage',
  'VerifyRequestSignature',
  'LookupEvents',
]);

/** Every operation in the catalogue, by RAM action name. */
export const RAM_BINDINGS: ReadonlyMap<string, WireBinding> = bindingsByAction(
  OPERATIONS.map(
    (operation) =>
      EXPLICIT.find((binding) => binding.operation === operation) ?? {
        action: operation.name,
        operation,
        input: 'all',
        output: 'all',
      },
  ),
);
