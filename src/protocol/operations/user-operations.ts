/** The user operations: CreateUser, GetUser, UpdateUser, ListUsers and DeleteUser. */
import { auditTarget } from '../../domain/audit.js';
import { awsAccountIdOf, rootArnOf } from '../../domain/iam-identifiers.js';
import { createUser } from '../../service/create-user.js';
import { deleteUser } from '../../service/delete-user.js';
import { getUser, type UserIdentity } from '../../service/get-user.js';
import { listUsers } from '../../service/list-users.js';
import { updateUser } from '../../service/update-user.js';
import { defineOperation } from './operation.js';
import { listOf, type OutputObject } from './output.js';
import { userView } from './views.js';

const READ = { level: 'read', selfServiceKeys: false } as const;
const WRITE = { level: 'write', selfServiceKeys: false } as const;
const byUserName = (input: { userName: string | undefined }) => input.userName;
const userTarget = (input: { userName: string }) => auditTarget.user(input.userName);

/** A user, or the account root described as IAM describes it (its UserId is the account id). */
function identityView(identity: UserIdentity): OutputObject {
  if (identity.kind === 'user') return userView(identity.user);
  return {
    iamUserId: awsAccountIdOf(identity.accountId),
    arn: rootArnOf(identity.accountId),
    createDate: identity.createDate,
  };
}

/** CreateUser, with an optional IAM path. */
export const createUserOperation = defineOperation({
  name: 'CreateUser',
  permission: WRITE,
  input: {
    userName: { type: 'string', required: true },
    path: { type: 'string' },
    displayName: { type: 'string' },
    mobilePhone: { type: 'string' },
    email: { type: 'string' },
    comments: { type: 'string' },
  },
  targetUserName: byUserName,
  auditTarget: userTarget,
  async execute({ deps, caller, audit }, input) {
    return { user: userView(await createUser(deps, caller, input, audit)) };
  },
});

/** GetUser: without UserName, the caller itself (the root included). */
export const getUserOperation = defineOperation({
  name: 'GetUser',
  permission: READ,
  input: { userName: { type: 'string' } },
  targetUserName: byUserName,
  async execute({ deps, caller }, input) {
    return { user: identityView(await getUser(deps, caller, input.userName)) };
  },
});

/** UpdateUser, including NewUserName and IAM's NewPath. */
export const updateUserOperation = defineOperation({
  name: 'UpdateUser',
  permission: WRITE,
  input: {
    userName: { type: 'string', required: true },
    newUserName: { type: 'string' },
    newPath: { type: 'string' },
    newDisplayName: { type: 'string' },
    newMobilePhone: { type: 'string' },
    newEmail: { type: 'string' },
    newComments: { type: 'string' },
  },
  targetUserName: byUserName,
  auditTarget: userTarget,
  async execute({ deps, caller, audit }, input) {
    return { user: userView(await updateUser(deps, caller, input, audit)) };
  },
});

/** ListUsers with Marker/MaxItems paging and IAM's PathPrefix; Marker is present only when IsTruncated. */
export const listUsersOperation = defineOperation({
  name: 'ListUsers',
  permission: READ,
  input: { marker: { type: 'string' }, maxItems: { type: 'integer' }, pathPrefix: { type: 'string' } },
  async execute({ deps, caller }, input) {
    const page = await listUsers(deps, caller, input);
    return {
      isTruncated: page.isTruncated,
      marker: page.marker,
      users: listOf('user', page.items.map(userView)),
    };
  },
});

/** DeleteUser: refused while keys or policies remain. */
export const deleteUserOperation = defineOperation({
  name: 'DeleteUser',
  permission: WRITE,
  input: { userName: { type: 'string', required: true } },
  targetUserName: byUserName,
  auditTarget: userTarget,
  async execute({ deps, caller, audit }, input) {
    await deleteUser(deps, caller, input.userName, audit);
    return {};
  },
});
