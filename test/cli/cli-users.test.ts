/**
 * `akm user create|get|list|update|delete` through the built binary against a real server, in both
 * output modes, with an API error and usage errors.
 */
import { describe, expect, it } from 'vitest';
import {
  at,
  expectApiError,
  expectUsageError,
  okJson,
  okTable,
  REQUEST_ID,
  tableCells,
  useCliSuite,
} from './cli-harness.js';

describe('akm user', () => {
  const suite = useCliSuite();
  const akm = (...args: string[]) => suite.asRoot(...args);

  it('create prints the RAM response as JSON when piped, and the user as fields with -o table', async () => {
    const created = okJson(
      await akm(
        'user',
        'create',
        '--user',
        'alice',
        '--display-name',
        'Alice Doe',
        '--email',
        'a@example.com',
      ),
    );
    expect(created.RequestId).toMatch(REQUEST_ID);
    expect(at(created, 'User', 'UserName')).toBe('alice');
    expect(at(created, 'User', 'DisplayName')).toBe('Alice Doe');
    expect(at(created, 'User', 'UserId')).toMatch(/^\d{16}$/);

    const table = tableCells(
      okTable(await akm('user', 'create', '--user', 'bob', '--comments', 'ops', '-o', 'table')),
    );
    expect(table).toContainEqual(['UserName', 'bob']);
    expect(table).toContainEqual(['Comments', 'ops']);
    expect(table.map((row) => row[0])).not.toContain('RequestId');
  });

  it('get shows one user in both modes', async () => {
    const got = okJson(await akm('user', 'get', '--user', 'alice', '--output', 'json'));
    expect(at(got, 'User', 'Email')).toBe('a@example.com');
    expect(at(got, 'User', 'UpdateDate')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const table = tableCells(okTable(await akm('user', 'get', '--user', 'alice', '-o', 'table')));
    expect(table).toContainEqual(['UserName', 'alice']);
    expect(table).toContainEqual(['DisplayName', 'Alice Doe']);
  });

  it('list pages through every user by default, as JSON or as an aligned table', async () => {
    const listed = okJson(await akm('user', 'list'));
    expect(listed.IsTruncated).toBe(false);
    expect((at(listed, 'Users', 'User') as Array<{ UserName: string }>).map((u) => u.UserName)).toEqual([
      'alice',
      'bob',
    ]);

    const table = okTable(await akm('user', 'list', '-o', 'table'));
    const lines = table.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(tableCells(table)[0]).toEqual(['UserName', 'UserId', 'DisplayName', 'CreateDate']);
    // Aligned: every row's UserId starts in the same column.
    const column = lines[0]?.indexOf('UserId');
    for (const line of lines.slice(1)) expect(line.search(/\d{16}/)).toBe(column);
  });

  it('list --max-items prints one page and its Marker; --marker continues', async () => {
    const first = okJson(await akm('user', 'list', '--max-items', '1'));
    expect(first.IsTruncated).toBe(true);
    expect((at(first, 'Users', 'User') as unknown[]).length).toBe(1);
    const marker = String(first.Marker);
    const second = okJson(await akm('user', 'list', '--max-items', '1', '--marker', marker));
    expect(at(second, 'Users', 'User', 0, 'UserName')).toBe('bob');

    const table = await akm('user', 'list', '--max-items', '1', '-o', 'table');
    expect(table.code).toBe(0);
    expect(
      tableCells(table.stdout)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(['alice']);
    expect(table.stderr).toBe(`akm: more users: --marker ${marker}\n`);
  });

  it('update changes fields and names, in both modes', async () => {
    const updated = okJson(await akm('user', 'update', '--user', 'bob', '--new-display-name', 'Bob B'));
    expect(at(updated, 'User', 'DisplayName')).toBe('Bob B');

    const table = tableCells(
      okTable(await akm('user', 'update', '--user', 'bob', '--new-name', 'robert', '-o', 'table')),
    );
    expect(table).toContainEqual(['UserName', 'robert']);
  });

  it('delete removes users, printing the RAM response or a confirmation', async () => {
    const deleted = okJson(await akm('user', 'delete', '--user', 'robert'));
    expect(Object.keys(deleted)).toEqual(['RequestId']);
    expect(okTable(await akm('user', 'delete', '--user', 'alice', '-o', 'table'))).toBe(
      'Deleted user alice.\n',
    );
    expect(at(okJson(await akm('user', 'list')), 'Users', 'User')).toEqual([]);
  });

  it('an API error exits 1 with the RAM code, message and request id on stderr', async () => {
    const result = await akm('user', 'get', '--user', 'nobody');
    expectApiError(result, 'EntityNotExist.User');
    expect(result.stderr).toContain('The user does not exist.');
    expectApiError(await akm('user', 'delete', '--user', 'nobody', '-o', 'table'), 'EntityNotExist.User');
    expectApiError(
      await akm('user', 'create', '--user', 'bad name'),
      'InvalidParameter.UserName.InvalidChars',
    );
  });

  it('refuses to delete a user that still has a key (DeleteConflict)', async () => {
    await suite.createUserWithKey('carol');
    expectApiError(await akm('user', 'delete', '--user', 'carol'), 'DeleteConflict.User.AccessKey');
  });

  it.each([
    [['user', 'get'], /^akm: missing --user\n$/],
    [['user', 'get', '--user', 'x', '--bogus'], /Unknown option '--bogus'[\s\S]*Usage: akm user get/],
    [['user', 'get', 'alice'], /Unexpected argument 'alice'/],
    [['user', 'update', '--user', 'x'], /nothing to change/],
    [['user', 'list', '--max-items', '0'], /--max-items must be a whole number from 1 to 1000/],
    [['user', 'list', '--marker', 'm'], /--marker needs --max-items/],
    [['user', 'list', '--output', 'yaml'], /--output must be table or json/],
    [
      ['user', 'frobnicate'],
      /unknown command: user frobnicate; try akm user create\|get\|list\|update\|delete/,
    ],
  ])('usage error: akm %j exits 2 before calling the server', async (args, message) => {
    expectUsageError(await akm(...args), message);
  });
});
