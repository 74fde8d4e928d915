// RAM's entity, conflict, limit and permission error codes with their HTTP statuses, through each client mode.
import {
  type CaseRow,
  expectCode,
  KEY_HOLDER,
  MIXED_CASE,
  PLAIN,
  POLICY_HOLDER,
  READ_ONLY,
  READER,
  runErrorSuite,
  UNKNOWN_KEY,
} from '../support/e2e-ram-error-cases.js';

const NOBODY = 'err-nobody';

const unknownUser: CaseRow[] = [
  ['GetUser of an unknown user', 'GetUser', { UserName: NOBODY }],
  ['UpdateUser of an unknown user', 'UpdateUser', { UserName: NOBODY, NewComments: 'x' }],
  ['DeleteUser of an unknown user', 'DeleteUser', { UserName: NOBODY }],
  ['CreateAccessKey for an unknown user', 'CreateAccessKey', { UserName: NOBODY }],
  ['ListAccessKeys of an unknown user', 'ListAccessKeys', { UserName: NOBODY }],
  [
    'UpdateAccessKey of an unknown user',
    'UpdateAccessKey',
    { UserName: NOBODY, UserAccessKeyId: UNKNOWN_KEY, Status: 'Active' },
  ],
  [
    'DeleteAccessKey of an unknown user',
    'DeleteAccessKey',
    { UserName: NOBODY, UserAccessKeyId: UNKNOWN_KEY },
  ],
  [
    'GetAccessKeyLastUsed of an unknown user',
    'GetAccessKeyLastUsed',
    { UserName: NOBODY, UserAccessKeyId: UNKNOWN_KEY },
  ],
  ['AttachPolicyToUser to an unknown user', 'AttachPolicyToUser', { UserName: NOBODY, ...READ_ONLY }],
  ['DetachPolicyFromUser from an unknown user', 'DetachPolicyFromUser', { UserName: NOBODY, ...READ_ONLY }],
  ['ListPoliciesForUser of an unknown user', 'ListPoliciesForUser', { UserName: NOBODY }],
];

const unknownKey: CaseRow[] = [
  [
    'DeleteAccessKey of an unknown key',
    'DeleteAccessKey',
    { UserName: KEY_HOLDER, UserAccessKeyId: UNKNOWN_KEY },
  ],
  [
    'UpdateAccessKey of an unknown key',
    'UpdateAccessKey',
    { UserName: KEY_HOLDER, UserAccessKeyId: UNKNOWN_KEY, Status: 'Inactive' },
  ],
  [
    'GetAccessKeyLastUsed of an unknown key',
    'GetAccessKeyLastUsed',
    { UserName: KEY_HOLDER, UserAccessKeyId: UNKNOWN_KEY },
  ],
  [
    "DeleteAccessKey of another user's key",
    'DeleteAccessKey',
    (f) => ({ UserName: KEY_HOLDER, UserAccessKeyId: f.plain.accessKeyId }),
  ],
  [
    "UpdateAccessKey of another user's key",
    'UpdateAccessKey',
    (f) => ({ UserName: KEY_HOLDER, UserAccessKeyId: f.plain.accessKeyId, Status: 'Inactive' }),
  ],
  [
    "the root deletes a user's key without UserName",
    'DeleteAccessKey',
    (f) => ({ UserAccessKeyId: f.plain.accessKeyId }),
  ],
];

const permission: CaseRow[] = [
  ['a user without policies creates a user', 'CreateUser', { UserName: 'err-new' }, 'plain'],
  ['a user without policies lists users', 'ListUsers', {}, 'plain'],
  ['a user without policies reads the security preference', 'GetSecurityPreference', {}, 'plain'],
  ['a user lists its own keys while AllowUserToManageAccessKeys is false', 'ListAccessKeys', {}, 'plain'],
  ['a user creates its own key while AllowUserToManageAccessKeys is false', 'CreateAccessKey', {}, 'plain'],
  ["a user lists another user's keys", 'ListAccessKeys', { UserName: KEY_HOLDER }, 'plain'],
  ['a read-only user deletes a user', 'DeleteUser', { UserName: PLAIN }, 'reader'],
  ['a read-only user creates a key for another user', 'CreateAccessKey', { UserName: PLAIN }, 'reader'],
  [
    'a read-only user attaches a policy to itself',
    'AttachPolicyToUser',
    { UserName: READER, PolicyType: 'System', PolicyName: 'AdministratorAccess' },
    'reader',
  ],
  [
    'a read-only user sets the security preference',
    'SetSecurityPreference',
    { AllowUserToManageAccessKeys: true },
    'reader',
  ],
];

runErrorSuite([
  ...expectCode('EntityNotExist.User', 404, unknownUser),
  ...expectCode('EntityAlreadyExists.User', 409, [
    ['CreateUser with an existing name', 'CreateUser', { UserName: KEY_HOLDER }],
    ['CreateUser with an existing name in other case', 'CreateUser', { UserName: MIXED_CASE.toUpperCase() }],
    ['UpdateUser renaming onto an existing user', 'UpdateUser', { UserName: PLAIN, NewUserName: KEY_HOLDER }],
  ]),
  ...expectCode('DeleteConflict.User.AccessKey', 409, [
    ['DeleteUser of a user holding keys', 'DeleteUser', { UserName: KEY_HOLDER }],
  ]),
  ...expectCode('DeleteConflict.User.Policy', 409, [
    ['DeleteUser of a user holding policies', 'DeleteUser', { UserName: POLICY_HOLDER }],
  ]),
  ...expectCode('EntityNotExist.User.AccessKey', 404, unknownKey),
  ...expectCode('LimitExceeded.User.AccessKey', 409, [
    ['a third key for a user', 'CreateAccessKey', { UserName: KEY_HOLDER }],
    ['a third key for the root', 'CreateAccessKey', {}],
  ]),
  ...expectCode('EntityNotExist.Policy', 404, [
    [
      'AttachPolicyToUser of an unknown policy',
      'AttachPolicyToUser',
      { UserName: PLAIN, PolicyType: 'System', PolicyName: 'NoSuchPolicy' },
    ],
    [
      'DetachPolicyFromUser of an unknown policy',
      'DetachPolicyFromUser',
      { UserName: PLAIN, PolicyType: 'System', PolicyName: 'NoSuchPolicy' },
    ],
  ]),
  ...expectCode('EntityAlreadyExists.User.Policy', 409, [
    ['a policy attached twice', 'AttachPolicyToUser', { UserName: POLICY_HOLDER, ...READ_ONLY }],
  ]),
  ...expectCode('EntityNotExist.User.Policy', 404, [
    ['detaching a policy not attached', 'DetachPolicyFromUser', { UserName: PLAIN, ...READ_ONLY }],
  ]),
  ...expectCode('NoPermission', 403, permission),
]);
