/** `akm user create|get|list|update|delete`: one RAM user operation each. */
import {
  createUserOperation,
  deleteUserOperation,
  getUserOperation,
  listUsersOperation,
  updateUserOperation,
} from '../../protocol/operations/user-operations.js';
import { listAllUsers } from '../api/list-all-users.js';
import { readBoolean, readList, readObject, readString } from '../api/ram-fields.js';
import { UsageError } from '../command.js';
import { optionalString, requiredString, wholeNumberText } from '../option-values.js';
import { formatItems, formatObject } from '../output/render-response.js';
import { callOnce, defineApiCommand } from './api-command.js';

const LIST_COLUMNS = ['userName', 'userId', 'displayName', 'createDate'] as const;

/** `akm user create`. */
export const userCreateCommand = defineApiCommand({
  path: ['user', 'create'],
  summary: 'Create a RAM user (CreateUser)',
  usage:
    'user create --user NAME [--display-name TEXT] [--mobile-phone 86-18600008888] [--email ADDR] [--comments TEXT]',
  options: {
    user: { type: 'string' },
    'display-name': { type: 'string' },
    'mobile-phone': { type: 'string' },
    email: { type: 'string' },
    comments: { type: 'string' },
  },
  plan: (values) =>
    callOnce(
      createUserOperation,
      {
        userName: requiredString(values, 'user'),
        displayName: optionalString(values, 'display-name'),
        mobilePhone: optionalString(values, 'mobile-phone'),
        email: optionalString(values, 'email'),
        comments: optionalString(values, 'comments'),
      },
      (response) => formatObject(readObject(response, 'user')),
    ),
});

/** `akm user get`. */
export const userGetCommand = defineApiCommand({
  path: ['user', 'get'],
  summary: 'Show a RAM user (GetUser)',
  usage: 'user get --user NAME',
  options: { user: { type: 'string' } },
  plan: (values) =>
    callOnce(getUserOperation, { userName: requiredString(values, 'user') }, (response) =>
      formatObject(readObject(response, 'user')),
    ),
});

/** `akm user list`: every user (paging through Marker), or one page with `--max-items`. */
export const userListCommand = defineApiCommand({
  path: ['user', 'list'],
  summary: 'List the RAM users (ListUsers, every page unless --max-items is given)',
  usage: 'user list [--max-items N [--marker MARKER]]',
  details: `Without --max-items every page is fetched and JSON output is one ListUsers response holding
all users. With --max-items N one page of at most N users is printed; when more remain, the next
--marker is in the JSON (Marker) or, for tables, on stderr.`,
  options: { 'max-items': { type: 'string' }, marker: { type: 'string' } },
  plan(values) {
    const maxItems = wholeNumberText(values, 'max-items', { min: 1, max: 1000 });
    const marker = optionalString(values, 'marker');
    if (marker !== undefined && maxItems === undefined) throw new UsageError('--marker needs --max-items');
    if (maxItems === undefined) {
      return async (client) => {
        const { users, combined } = await listAllUsers(client);
        return { json: combined, table: () => formatItems(users, LIST_COLUMNS) };
      };
    }
    return async (client, io) => {
      const page = await client.call(listUsersOperation, { maxItems, marker });
      const next = readBoolean(page, 'isTruncated') ? readString(page, 'marker') : undefined;
      return {
        json: page,
        table: () => {
          if (next) io.stderr(`akm: more users: --marker ${next}\n`);
          return formatItems(readList(page, 'users', 'user'), LIST_COLUMNS);
        },
      };
    };
  },
});

/** `akm user update`. */
export const userUpdateCommand = defineApiCommand({
  path: ['user', 'update'],
  summary: 'Change a RAM user (UpdateUser)',
  usage:
    'user update --user NAME [--new-name NAME] [--new-display-name TEXT] [--new-mobile-phone P] [--new-email ADDR] [--new-comments TEXT]',
  options: {
    user: { type: 'string' },
    'new-name': { type: 'string' },
    'new-display-name': { type: 'string' },
    'new-mobile-phone': { type: 'string' },
    'new-email': { type: 'string' },
    'new-comments': { type: 'string' },
  },
  plan(values) {
    const userName = requiredString(values, 'user');
    const changes = {
      newUserName: optionalString(values, 'new-name'),
      newDisplayName: optionalString(values, 'new-display-name'),
      newMobilePhone: optionalString(values, 'new-mobile-phone'),
      newEmail: optionalString(values, 'new-email'),
      newComments: optionalString(values, 'new-comments'),
    };
    if (Object.values(changes).every((v) => v === undefined)) {
      throw new UsageError('nothing to change: give at least one --new-… option');
    }
    return callOnce(updateUserOperation, { userName, ...changes }, (response) =>
      formatObject(readObject(response, 'user')),
    );
  },
});

/** `akm user delete`. */
export const userDeleteCommand = defineApiCommand({
  path: ['user', 'delete'],
  summary: 'Delete a RAM user (DeleteUser; refused while it has keys or policies)',
  usage: 'user delete --user NAME',
  options: { user: { type: 'string' } },
  plan(values) {
    const userName = requiredString(values, 'user');
    return callOnce(deleteUserOperation, { userName }, () => `Deleted user ${userName}.\n`);
  },
});
