// RAM's parameter-validation error codes (InvalidParameter.*, Missing*) with their statuses, through each client mode.
import {
  type CaseRow,
  expectCode,
  KEY_HOLDER,
  PLAIN,
  runErrorSuite,
} from '../support/e2e-ram-error-cases.js';

const LONG_65 = 'a'.repeat(65);
// 129 code points of a 3-byte UTF-8 character: the limit counts characters, not bytes.
const TEXT_129 = '字'.repeat(129);
const NEW_USER = 'err-new';

const maxItems: CaseRow[] = ['0', '-1', '1001', 'abc', '1.5'].map((MaxItems) => [
  `ListUsers MaxItems=${MaxItems}`,
  'ListUsers',
  { MaxItems },
]);

const marker: CaseRow[] = ['garbage', 'dTE6', '%%%'].map((Marker) => [
  `ListUsers Marker=${Marker}`,
  'ListUsers',
  { Marker },
]);

runErrorSuite([
  ...expectCode('InvalidParameter.UserName.InvalidChars', 400, [
    ['CreateUser with a space and !', 'CreateUser', { UserName: 'bad name!' }],
    ['GetUser with a slash', 'GetUser', { UserName: 'bad/name' }],
    ['CreateAccessKey with a space', 'CreateAccessKey', { UserName: 'bad name' }],
    ['ListPoliciesForUser with a colon', 'ListPoliciesForUser', { UserName: 'bad:name' }],
  ]),
  ...expectCode('InvalidParameter.UserName.Length', 400, [
    ['CreateUser with 65 chars', 'CreateUser', { UserName: LONG_65 }],
    ['ListAccessKeys with 65 chars', 'ListAccessKeys', { UserName: LONG_65 }],
  ]),
  ...expectCode('InvalidParameter.NewUserName.InvalidChars', 400, [
    ['UpdateUser NewUserName with a space', 'UpdateUser', { UserName: PLAIN, NewUserName: 'bad name' }],
  ]),
  ...expectCode('InvalidParameter.NewUserName.Length', 400, [
    ['UpdateUser NewUserName with 65 chars', 'UpdateUser', { UserName: PLAIN, NewUserName: LONG_65 }],
  ]),
  ...expectCode('InvalidParameter.DisplayName.Length', 400, [
    ['CreateUser DisplayName with 129 chars', 'CreateUser', { UserName: NEW_USER, DisplayName: TEXT_129 }],
  ]),
  ...expectCode('InvalidParameter.DisplayName.InvalidChars', 400, [
    [
      'CreateUser DisplayName with a control char',
      'CreateUser',
      { UserName: NEW_USER, DisplayName: 'a\u0001b' },
    ],
  ]),
  ...expectCode('InvalidParameter.NewDisplayName.Length', 400, [
    ['UpdateUser NewDisplayName with 129 chars', 'UpdateUser', { UserName: PLAIN, NewDisplayName: TEXT_129 }],
  ]),
  ...expectCode('InvalidParameter.MobilePhone.Format', 400, [
    [
      'CreateUser MobilePhone without country code',
      'CreateUser',
      { UserName: NEW_USER, MobilePhone: '18600008888' },
    ],
    [
      'CreateUser MobilePhone with letters',
      'CreateUser',
      { UserName: NEW_USER, MobilePhone: '86-1860000abcd' },
    ],
  ]),
  ...expectCode('InvalidParameter.NewMobilePhone.Format', 400, [
    ['UpdateUser NewMobilePhone malformed', 'UpdateUser', { UserName: PLAIN, NewMobilePhone: 'phone' }],
  ]),
  ...expectCode('InvalidParameter.Email.Format', 400, [
    ['CreateUser Email without @', 'CreateUser', { UserName: NEW_USER, Email: 'not-an-email' }],
  ]),
  ...expectCode('InvalidParameter.NewEmail.Format', 400, [
    ['UpdateUser NewEmail without a domain dot', 'UpdateUser', { UserName: PLAIN, NewEmail: 'a@b' }],
  ]),
  ...expectCode('InvalidParameter.Comments.Length', 400, [
    ['CreateUser Comments with 129 chars', 'CreateUser', { UserName: NEW_USER, Comments: TEXT_129 }],
  ]),
  ...expectCode('InvalidParameter.NewComments.Length', 400, [
    ['UpdateUser NewComments with 129 chars', 'UpdateUser', { UserName: PLAIN, NewComments: TEXT_129 }],
  ]),
  ...expectCode('InvalidParameter.PolicyType', 400, [
    [
      'AttachPolicyToUser PolicyType=Foo',
      'AttachPolicyToUser',
      { UserName: PLAIN, PolicyType: 'Foo', PolicyName: 'AliyunRAMReadOnlyAccess' },
    ],
    [
      'DetachPolicyFromUser PolicyType=system (case matters)',
      'DetachPolicyFromUser',
      { UserName: PLAIN, PolicyType: 'system', PolicyName: 'AliyunRAMReadOnlyAccess' },
    ],
  ]),
  ...expectCode('InvalidParameter.Status', 400, [
    [
      'UpdateAccessKey Status=Foo',
      'UpdateAccessKey',
      (f) => ({ UserName: KEY_HOLDER, UserAccessKeyId: f.keyHolderKeys[0] ?? '', Status: 'Foo' }),
    ],
  ]),
  ...expectCode('InvalidParameter.MaxItems', 400, maxItems),
  ...expectCode('InvalidParameter.Marker', 400, marker),
  ...expectCode('MissingUserName', 400, [
    ['GetUser without UserName', 'GetUser', {}],
    ['CreateUser without UserName', 'CreateUser', { DisplayName: 'x' }],
    ['DeleteUser with an empty UserName', 'DeleteUser', { UserName: '' }],
    ['ListPoliciesForUser without UserName', 'ListPoliciesForUser', {}],
  ]),
  ...expectCode('MissingUserAccessKeyId', 400, [
    ['DeleteAccessKey without UserAccessKeyId', 'DeleteAccessKey', { UserName: KEY_HOLDER }],
    [
      'UpdateAccessKey without UserAccessKeyId',
      'UpdateAccessKey',
      { UserName: KEY_HOLDER, Status: 'Active' },
    ],
    ['GetAccessKeyLastUsed without UserAccessKeyId', 'GetAccessKeyLastUsed', { UserName: KEY_HOLDER }],
  ]),
  ...expectCode('MissingStatus', 400, [
    [
      'UpdateAccessKey without Status',
      'UpdateAccessKey',
      (f) => ({ UserName: KEY_HOLDER, UserAccessKeyId: f.keyHolderKeys[0] ?? '' }),
    ],
  ]),
  ...expectCode('MissingPolicyName', 400, [
    [
      'AttachPolicyToUser without PolicyName',
      'AttachPolicyToUser',
      { UserName: PLAIN, PolicyType: 'System' },
    ],
  ]),
  ...expectCode('MissingPolicyType', 400, [
    [
      'DetachPolicyFromUser without PolicyType',
      'DetachPolicyFromUser',
      { UserName: PLAIN, PolicyName: 'AliyunRAMReadOnlyAccess' },
    ],
  ]),
]);
