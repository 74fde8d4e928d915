/** The user operations: CreateUser, GetUser, UpdateUser, ListUsers and DeleteUser. */
import { createUser } from '../../service/create-user.js';
import { deleteUser } from '../../service/delete-user.js';
import { getUser } from '../../service/get-user.js';
import { listUsers } from '../../service/list-users.js';
import { updateUser } from '../../service/update-user.js';
import { defineOperation } from './operation.js';
import { listOf } from './output.js';
import { userView } from './views.js';

const READ = { level: 'read', selfServiceKeys: false } as const;
const WRITE = { level: 'write', selfServiceKeys: false } as const;

/** CreateUser. */
export const createUserOperation = defineOperation({
  name: 'CreateUser',
  permission: WRITE,
  input: {
    userName: { type: 'string', required: true },
    displayName: { type: 'string' },
    mobilePhone: { type: 'string' },
    email: { type: 'string' },
    comments: { type: 'string' },
  },
  async execute({ deps, caller }, input) {
    return { user: userView(await createUser(deps, caller, input)) };
  },
});

/** GetUser. */
export const getUserOperation = defineOperation({
  name: 'GetUser',
  permission: READ,
  input: { userName: { type: 'string', required: true } },
  async execute({ deps, caller }, input) {
    const user = await getUser(deps, caller, input.userName);
    return { user: userView(user, { updateDate: true, lastLoginDate: true }) };
  },
});

/** UpdateUser, including NewUserName. */
export const updateUserOperation = defineOperation({
  name: 'UpdateUser',
  permission: WRITE,
  input: {
    userName: { type: 'string', required: true },
    newUserName: { type: 'string' },
    newDisplayName: { type: 'string' },
    newMobilePhone: { type: 'string' },
    newEmail: { type: 'string' },
    newComments: { type: 'string' },
  },
  async execute({ deps, caller }, input) {
    return { user: userView(await updateUser(deps, caller, input), { updateDate: true }) };
  },
});

/** ListUsers with Marker/MaxItems paging; Marker is present only when IsTruncated. */
export const listUsersOperation = defineOperation({
  name: 'ListUsers',
  permission: READ,
  input: { marker: { type: 'string' }, maxItems: { type: 'integer' } },
  async execute({ deps, caller }, input) {
    const page = await listUsers(deps, caller, input);
    return {
      isTruncated: page.isTruncated,
      marker: page.marker,
      users: listOf(
        'user',
        page.users.map((u) => userView(u, { updateDate: true })),
      ),
    };
  },
});

/** DeleteUser: refused while keys or policies remain. */
export const deleteUserOperation = defineOperation({
  name: 'DeleteUser',
  permission: WRITE,
  input: { userName: { type: 'string', required: true } },
  async execute({ deps, caller }, input) {
    await deleteUser(deps, caller, input.userName);
    return {};
  },
});
