/**
 * `akm policy attach|detach|list` and `akm preference get|set` through the built binary, both output
 * modes, and what they change: a policy grants a user access; the preference lets users manage their
 * own keys.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  at,
  expectApiError,
  expectUsageError,
  type KeyPair,
  okJson,
  okTable,
  type Printed,
  tableCells,
  useCliSuite,
} from './cli-harness.js';

describe('akm policy and akm preference', () => {
  const suite = useCliSuite();
  let erin: KeyPair;
  const asRoot = (...args: string[]) => suite.asRoot(...args);
  const asErin = (...args: string[]) => suite.as(erin, ...args);

  beforeAll(async () => {
    erin = await suite.createUserWithKey('erin');
  });

  it('attach grants the policy (the user can then list users), in both modes', async () => {
    expectApiError(await asErin('user', 'list'), 'NoPermission');
    expect(
      Object.keys(
        okJson(await asRoot('policy', 'attach', '--user', 'erin', '--policy', 'AliyunRAMReadOnlyAccess')),
      ),
    ).toEqual(['RequestId']);
    expect(
      okTable(
        await asRoot(
          'policy',
          'attach',
          '--user',
          'erin',
          '--policy',
          'AdministratorAccess',
          '--policy-type',
          'System',
          '-o',
          'table',
        ),
      ),
    ).toBe('Attached System policy AdministratorAccess to user erin.\n');
    expect(at(okJson(await asErin('user', 'list')), 'Users', 'User', 0, 'UserName')).toBe('erin');
    expectApiError(
      await asRoot('policy', 'attach', '--user', 'erin', '--policy', 'AdministratorAccess'),
      'EntityAlreadyExists.User.Policy',
    );
    expectApiError(
      await asRoot('policy', 'attach', '--user', 'erin', '--policy', 'NoSuchPolicy'),
      'EntityNotExist.Policy',
    );
  });

  it('list shows the attached policies, in both modes', async () => {
    const listed = at(
      okJson(await asRoot('policy', 'list', '--user', 'erin')),
      'Policies',
      'Policy',
    ) as Printed[];
    expect(listed.map((p) => [p.PolicyName, p.PolicyType])).toEqual([
      ['AliyunRAMReadOnlyAccess', 'System'],
      ['AdministratorAccess', 'System'],
    ]);
    const table = tableCells(okTable(await asRoot('policy', 'list', '--user', 'erin', '-o', 'table')));
    expect(table[0]).toEqual(['PolicyName', 'PolicyType', 'AttachDate', 'Description']);
    expect(table.slice(1).map((row) => row[0])).toEqual(['AliyunRAMReadOnlyAccess', 'AdministratorAccess']);
  });

  it('detach removes the policy, in both modes', async () => {
    okJson(await asRoot('policy', 'detach', '--user', 'erin', '--policy', 'AdministratorAccess'));
    expect(
      okTable(
        await asRoot(
          'policy',
          'detach',
          '--user',
          'erin',
          '--policy',
          'AliyunRAMReadOnlyAccess',
          '-o',
          'table',
        ),
      ),
    ).toBe('Detached System policy AliyunRAMReadOnlyAccess from user erin.\n');
    expect(at(okJson(await asRoot('policy', 'list', '--user', 'erin')), 'Policies', 'Policy')).toEqual([]);
    expectApiError(await asErin('user', 'list'), 'NoPermission');
    expectApiError(
      await asRoot('policy', 'detach', '--user', 'erin', '--policy', 'AdministratorAccess'),
      'EntityNotExist.User.Policy',
    );
  });

  it('preference get shows the settings, in both modes', async () => {
    const got = okJson(await asRoot('preference', 'get'));
    expect(at(got, 'SecurityPreference', 'AccessKeyPreference', 'AllowUserToManageAccessKeys')).toBe(false);
    const table = tableCells(okTable(await asRoot('preference', 'get', '-o', 'table')));
    expect(table).toContainEqual(['AllowUserToManageAccessKeys', 'false']);
    expect(table).toContainEqual(['LoginSessionDuration', '6']);
  });

  it('preference set changes only what is given (users may then manage their own keys), in both modes', async () => {
    expectApiError(await asErin('key', 'list'), 'NoPermission');
    const set = okJson(await asRoot('preference', 'set', '--allow-user-to-manage-access-keys', 'true'));
    expect(at(set, 'SecurityPreference', 'AccessKeyPreference', 'AllowUserToManageAccessKeys')).toBe(true);
    const own = at(okJson(await asErin('key', 'list')), 'AccessKeys', 'AccessKey') as Printed[];
    expect(own.map((k) => k.AccessKeyId)).toEqual([erin.accessKeyId]);

    const table = tableCells(
      okTable(await asRoot('preference', 'set', '--login-session-duration', '12', '-o', 'table')),
    );
    expect(table).toContainEqual(['LoginSessionDuration', '12']);
    expect(table).toContainEqual(['AllowUserToManageAccessKeys', 'true']);
  });

  it('preference set is refused to a user without permission (exit 1)', async () => {
    expectApiError(
      await asErin('preference', 'set', '--allow-user-to-manage-access-keys', 'false'),
      'NoPermission',
    );
  });

  it.each([
    [['policy', 'attach', '--user', 'erin'], /^akm: missing --policy\n$/],
    [['policy', 'list'], /^akm: missing --user\n$/],
    [['preference', 'set'], /nothing to change/],
    [['preference', 'set', '--allow-user-to-manage-access-keys', 'yes'], /must be true or false, not "yes"/],
    [
      ['preference', 'set', '--login-session-duration', 'six'],
      /--login-session-duration must be a whole number/,
    ],
    [['preference', 'get', '--format', 'csv'], /Unknown option '--format'/],
  ])('usage error: akm %j exits 2', async (args, message) => {
    expectUsageError(await asRoot(...args), message);
  });
});
