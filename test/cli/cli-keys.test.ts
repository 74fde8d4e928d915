/**
 * `akm key create|list|enable|disable|delete|last-used|usage` through the built binary: a user's keys
 * (`--user`) and the caller's own, both output modes, the secret shown once with its warning, and the
 * key that was created actually signing requests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  at,
  expectApiError,
  expectUsageError,
  type KeyPair,
  keyOf,
  okJson,
  okTable,
  type Printed,
  REQUEST_ID,
  SECRET_WARNING,
  tableCells,
  useCliSuite,
} from './cli-harness.js';

describe('akm key', () => {
  const suite = useCliSuite();
  let first: KeyPair;
  let second: KeyPair;
  const asRoot = (...args: string[]) => suite.asRoot(...args);
  const statusOf = async (keyId: string) => {
    const keys = at(okJson(await asRoot('key', 'list', '--user', 'dave')), 'AccessKeys', 'AccessKey');
    return (keys as Array<{ AccessKeyId: string; Status: string }>).find((k) => k.AccessKeyId === keyId)
      ?.Status;
  };

  beforeAll(async () => {
    okJson(await asRoot('user', 'create', '--user', 'dave'));
  });

  it('create --output json prints the full response, secret included, and warns on stderr', async () => {
    const created = okJson(
      await asRoot('key', 'create', '--user', 'dave', '--output', 'json'),
      SECRET_WARNING,
    );
    expect(created.RequestId).toMatch(REQUEST_ID);
    expect(at(created, 'AccessKey')).toEqual({
      AccessKeyId: expect.stringMatching(/^LTAI[A-Za-z0-9]{20}$/),
      AccessKeySecret: expect.stringMatching(/^[A-Za-z0-9]{30}$/),
      Status: 'Active',
      CreateDate: expect.stringMatching(/Z$/),
    });
    first = keyOf(created);
  });

  it('create -o table prints the secret once, with the warning on stderr only', async () => {
    const result = await asRoot('key', 'create', '--user', 'dave', '-o', 'table');
    const cells = tableCells(okTable(result, SECRET_WARNING));
    const secret = cells.find(([name]) => name === 'AccessKeySecret')?.[1] ?? '';
    const id = cells.find(([name]) => name === 'AccessKeyId')?.[1] ?? '';
    expect(secret).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(result.stdout.split(secret)).toHaveLength(2);
    expect(result.stderr).not.toContain(secret);
    second = { accessKeyId: id, accessKeySecret: secret };
  });

  it('a third key for the same user is refused by the server (exit 1, no secret, no warning)', async () => {
    expectApiError(await asRoot('key', 'create', '--user', 'dave'), 'LimitExceeded.User.AccessKey');
  });

  it('the created key signs requests as its user', async () => {
    const whoami = okJson(await suite.as(second, 'whoami'));
    expect(whoami).toMatchObject({
      IdentityType: 'RAMUser',
      UserName: 'dave',
      AccessKeyId: second.accessKeyId,
    });
  });

  it('list shows ids, statuses and dates but never secrets, in both modes', async () => {
    const listed = okJson(await asRoot('key', 'list', '--user', 'dave'));
    const keys = at(listed, 'AccessKeys', 'AccessKey') as Printed[];
    expect(keys.map((k) => k.AccessKeyId)).toEqual([first.accessKeyId, second.accessKeyId]);
    expect(JSON.stringify(listed)).not.toContain(first.accessKeySecret);

    const table = tableCells(okTable(await asRoot('key', 'list', '--user', 'dave', '-o', 'table')));
    expect(table[0]).toEqual(['AccessKeyId', 'Status', 'CreateDate']);
    expect(table.slice(1).map((row) => row.slice(0, 2))).toEqual([
      [first.accessKeyId, 'Active'],
      [second.accessKeyId, 'Active'],
    ]);
  });

  it('disable and enable set the status (UpdateAccessKey), in both modes', async () => {
    expect(
      Object.keys(okJson(await asRoot('key', 'disable', '--user', 'dave', '--key-id', first.accessKeyId))),
    ).toEqual(['RequestId']);
    expect(await statusOf(first.accessKeyId)).toBe('Inactive');
    expectApiError(await suite.as(first, 'whoami'), 'InvalidAccessKeyId.Inactive');

    expect(
      okTable(await asRoot('key', 'enable', '--user', 'dave', '--key-id', first.accessKeyId, '-o', 'table')),
    ).toBe(`Enabled AccessKey ${first.accessKeyId} (user dave).\n`);
    expect(await statusOf(first.accessKeyId)).toBe('Active');
    expect(
      okTable(await asRoot('key', 'disable', '--user', 'dave', '--key-id', first.accessKeyId, '-o', 'table')),
    ).toBe(`Disabled AccessKey ${first.accessKeyId} (user dave).\n`);
    okJson(await asRoot('key', 'enable', '--user', 'dave', '--key-id', first.accessKeyId));
    expect(await statusOf(first.accessKeyId)).toBe('Active');
  });

  it('last-used shows when a key last signed, or never, in both modes', async () => {
    const used = okJson(await asRoot('key', 'last-used', '--user', 'dave', '--key-id', second.accessKeyId));
    expect(at(used, 'AccessKeyLastUsed', 'LastUsedDate')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const table = tableCells(
      okTable(
        await asRoot('key', 'last-used', '--user', 'dave', '--key-id', second.accessKeyId, '-o', 'table'),
      ),
    );
    // The key last signed `akm whoami` (GetCallerIdentity) from this machine.
    expect(table).toEqual([
      ['AccessKeyId', second.accessKeyId],
      ['LastUsedDate', String(at(used, 'AccessKeyLastUsed', 'LastUsedDate'))],
      ['ServiceName', 'ram'],
      ['SourceIp', '127.0.0.1'],
      ['UserAgent', 'akm-cli'],
      ['Action', 'GetCallerIdentity'],
    ]);
  });

  it('usage shows the requests per day and service, in both modes', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const usage = okJson(await asRoot('key', 'usage', '--user', 'dave', '--key-id', second.accessKeyId));
    expect(at(usage, 'Usage', 'DailyUsage')).toEqual([{ Date: today, ServiceName: 'ram', RequestCount: 1 }]);
    const table = tableCells(
      okTable(await asRoot('key', 'usage', '--user', 'dave', '--key-id', second.accessKeyId, '-o', 'table')),
    );
    expect(table).toEqual([
      ['Date', 'ServiceName', 'RequestCount'],
      [today, 'ram', '1'],
    ]);
  });

  it('delete removes a key, in both modes', async () => {
    expect(okJson(await asRoot('key', 'delete', '--user', 'dave', '--key-id', first.accessKeyId))).toEqual({
      RequestId: expect.stringMatching(REQUEST_ID),
    });
    expect(
      okTable(await asRoot('key', 'delete', '--user', 'dave', '--key-id', second.accessKeyId, '-o', 'table')),
    ).toBe(`Deleted AccessKey ${second.accessKeyId} (user dave).\n`);
    expect(await statusOf(first.accessKeyId)).toBeUndefined();
    expectApiError(
      await asRoot('key', 'delete', '--user', 'dave', '--key-id', first.accessKeyId),
      'EntityNotExist.User.AccessKey',
    );
  });

  it("without --user every key command acts on the caller's own keys", async () => {
    const own = keyOf(okJson(await asRoot('key', 'create'), SECRET_WARNING));
    const mine = at(okJson(await asRoot('key', 'list')), 'AccessKeys', 'AccessKey') as Printed[];
    expect(mine.map((k) => k.AccessKeyId)).toEqual([suite.server.root.accessKeyId, own.accessKeyId]);
    expect(okTable(await asRoot('key', 'disable', '--key-id', own.accessKeyId, '-o', 'table'))).toBe(
      `Disabled AccessKey ${own.accessKeyId} (your own).\n`,
    );
    const never = tableCells(
      okTable(await asRoot('key', 'last-used', '--key-id', own.accessKeyId, '-o', 'table')),
    );
    expect(never).toContainEqual(['LastUsedDate', 'never']);
    okJson(await asRoot('key', 'delete', '--key-id', own.accessKeyId));
  });

  it.each([
    [['key', 'enable'], /^akm: missing --key-id\n$/],
    [['key', 'delete', '--user', 'dave'], /^akm: missing --key-id\n$/],
    [['key', 'create', '--key-id', 'x'], /Unknown option '--key-id'/],
    [['key', 'list', '--user'], /Option '--user <value>' argument missing/],
  ])('usage error: akm %j exits 2', async (args, message) => {
    expectUsageError(await asRoot(...args), message);
  });
});
