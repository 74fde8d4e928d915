/**
 * IAM (2010-05-08) and STS (2011-06-15) as this wire serves them, declared as data: which operations, the
 * inputs and constraints of the botocore models, and exactly the fields IAM responses carry.
 */
import { type Constraint, length, oneOf, pattern, range } from '../../domain/constraints.js';
import {
  PATH_PREFIX_RULES,
  PATH_RULES,
  USER_NAME_PATTERN,
  USER_NAME_RULES,
} from '../../domain/validation.js';
import {
  createAccessKeyOperation,
  deleteAccessKeyOperation,
  getAccessKeyLastUsedOperation,
  listAccessKeysOperation,
  updateAccessKeyOperation,
} from '../operations/access-key-operations.js';
import { getAccountSummaryOperation } from '../operations/account-summary-operation.js';
import { getStsCallerIdentityOperation } from '../operations/sts-caller-identity-operation.js';
import {
  createUserOperation,
  deleteUserOperation,
  getUserOperation,
  listUsersOperation,
  updateUserOperation,
} from '../operations/user-operations.js';
import { bindingsByAction, type FieldConstraints } from '../operations/wire-binding.js';
import { type FieldRule, field } from '../operations/wire-shape.js';
import type { AwsBinding, AwsQueryApi } from './aws-query-names.js';
import { IAM_API_VERSION, STS_API_VERSION } from './aws-query-request.js';
import { accessDeniedForKey } from './iam-error-table.js';

/** The botocore model's constraints, by neutral field (`existingUserNameType` for names looked up). */
const IAM_CONSTRAINTS: FieldConstraints = {
  userName: [length(1, 128), pattern(USER_NAME_PATTERN)],
  newUserName: USER_NAME_RULES,
  accessKeyId: [length(16, 128), pattern('[\\w]+')],
  status: [oneOf('Active', 'Inactive', 'Expired')],
  marker: [length(1, 320), pattern('[\\u0020-\\u00FF]+')],
  maxItems: [range(1, 1000)],
  path: PATH_RULES,
  newPath: PATH_RULES,
  pathPrefix: PATH_PREFIX_RULES,
};

/** CreateUser's UserName is a `userNameType`: at most 64 characters. */
const NEW_USER_NAME: Readonly<Record<string, readonly Constraint[]>> = { userName: USER_NAME_RULES };

const USER: readonly FieldRule[] = [
  'path',
  'userName',
  field('iamUserId', { as: 'UserId' }),
  'arn',
  'createDate',
];
const KEY_METADATA: readonly FieldRule[] = ['userName', 'accessKeyId', 'status', 'createDate'];
/**
 * Never-used keys (and uses whose wire named no region) read `N/A`, as IAM answers. akm adds where the
 * use came from after IAM's members; the SDKs' XML parsers skip members their model does not know.
 */
const LAST_USED: readonly FieldRule[] = [
  'lastUsedDate',
  field('serviceName', { absent: 'N/A' }),
  field('region', { absent: 'N/A' }),
  'sourceIp',
  'userAgent',
  'action',
];

const IAM_BINDINGS: readonly AwsBinding[] = [
  {
    action: 'CreateAccessKey',
    operation: createAccessKeyOperation,
    input: ['userName'],
    output: [
      field('accessKey', {
        shape: [
          'userName',
          'accessKeyId',
          'status',
          field('accessKeySecret', { as: 'SecretAccessKey' }),
          'createDate',
        ],
      }),
    ],
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
    input: ['userName', 'marker', 'maxItems'],
    output: [field('accessKeys', { as: 'AccessKeyMetadata', shape: KEY_METADATA }), 'isTruncated', 'marker'],
  },
  {
    action: 'GetAccessKeyLastUsed',
    operation: getAccessKeyLastUsedOperation,
    input: ['accessKeyId'],
    userNameFromKeyOwner: true,
    // IAM answers an unknown key as a key the caller may not read, not as a missing one.
    errors: { ACCESS_KEY_OF_USER_NOT_FOUND: accessDeniedForKey },
    output: ['userName', field('accessKeyLastUsed', { shape: LAST_USED })],
  },
  {
    action: 'CreateUser',
    operation: createUserOperation,
    input: ['userName', 'path'],
    constraints: NEW_USER_NAME,
    output: [field('user', { shape: USER })],
  },
  {
    action: 'GetUser',
    operation: getUserOperation,
    input: ['userName'],
    output: [field('user', { shape: USER })],
  },
  {
    action: 'UpdateUser',
    operation: updateUserOperation,
    input: ['userName', 'newUserName', 'newPath'],
    output: [],
  },
  {
    action: 'ListUsers',
    operation: listUsersOperation,
    input: ['pathPrefix', 'marker', 'maxItems'],
    deniedResource: 'users',
    output: [field('users', { shape: USER }), 'isTruncated', 'marker'],
  },
  { action: 'DeleteUser', operation: deleteUserOperation, input: ['userName'], output: [] },
  {
    action: 'GetAccountSummary',
    operation: getAccountSummaryOperation,
    input: [],
    deniedResource: 'account',
    output: [
      field('summaryMap', {
        item: 'entry',
        shape: [field('key', { as: 'key' }), field('value', { as: 'value' })],
      }),
    ],
  },
];

/** IAM 2010-05-08, signed for `iam`. */
export const IAM_API: AwsQueryApi = {
  version: IAM_API_VERSION,
  signingName: 'iam',
  xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  bindings: bindingsByAction(IAM_BINDINGS),
  constraints: IAM_CONSTRAINTS,
};

/** STS 2011-06-15, signed for `sts`: GetCallerIdentity only. */
export const STS_API: AwsQueryApi = {
  version: STS_API_VERSION,
  signingName: 'sts',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  bindings: bindingsByAction([
    { action: 'GetCallerIdentity', operation: getStsCallerIdentityOperation, input: [], output: 'all' },
  ]),
  constraints: {},
};
