// Issue 4, acceptance 2: Debian's AWS CLI (`awscli`, installed by .ci/run) drives akm through users, keys,
// last use, the caller's identity and the limit and not-found errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import {
  awsEnv,
  DEBIAN_AWS,
  makeAwsHome,
  type ProcessResult,
  runProcess,
} from '../support/aws-cli-process.js';
import type { Credentials } from '../support/ram-clients.js';

let server: TestServer;
let aws: ReturnType<typeof makeAwsHome>;
let account: string;

beforeAll(async () => {
  server = await startTestServer();
  aws = makeAwsHome();
  account = server.root.accountId.slice(-12);
});
afterAll(async () => {
  aws.cleanup();
  await server.destroy();
});

/** `aws <args> --endpoint-url <server> --output json` as `credentials` (the root by default). */
function cli(args: readonly string[], credentials: Credentials = server.root): Promise<ProcessResult> {
  return runProcess(
    DEBIAN_AWS,
    [...args, '--endpoint-url', server.url, '--output', 'json'],
    awsEnv(aws.home, credentials),
  );
}

/** Runs and parses the JSON output of a command that must succeed. */
async function json(args: readonly string[], credentials?: Credentials): Promise<Record<string, unknown>> {
  const result = await cli(args, credentials);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
}

describe('aws (Debian awscli) against akm', () => {
  it('is the Debian build', async () => {
    const version = await runProcess(DEBIAN_AWS, ['--version'], awsEnv(aws.home, server.root));
    expect(version.stdout).toMatch(/^aws-cli\/\d+\.\d+\.\d+ .*debian/);
  });

  it('creates, lists, updates and deletes users and keys, with last use and the caller identity', async () => {
    const created = await json(['iam', 'create-user', '--user-name', 'cli-alice', '--path', '/cli/']);
    expect(created.User).toMatchObject({
      UserName: 'cli-alice',
      Path: '/cli/',
      Arn: `arn:aws:iam::${account}:user/cli/cli-alice`,
    });

    const first = (await json(['iam', 'create-access-key', '--user-name', 'cli-alice'])).AccessKey as Record<
      string,
      string
    >;
    expect(first).toMatchObject({
      UserName: 'cli-alice',
      Status: 'Active',
      AccessKeyId: expect.stringMatching(/^AKIA/),
    });
    const key = { accessKeyId: first.AccessKeyId ?? '', accessKeySecret: first.SecretAccessKey ?? '' };
    const second = (await json(['iam', 'create-access-key', '--user-name', 'cli-alice'])).AccessKey as Record<
      string,
      string
    >;

    const limit = await cli(['iam', 'create-access-key', '--user-name', 'cli-alice']);
    expect(limit.code).toBe(254);
    expect(limit.stderr.trim()).toBe(
      'An error occurred (LimitExceeded) when calling the CreateAccessKey operation: Cannot exceed quota for AccessKeysPerUser: 2',
    );

    const update = await cli([
      'iam',
      'update-access-key',
      '--user-name',
      'cli-alice',
      '--access-key-id',
      second.AccessKeyId ?? '',
      '--status',
      'Inactive',
    ]);
    expect(update).toMatchObject({ code: 0, stdout: '' });
    const listed = await json(['iam', 'list-access-keys', '--user-name', 'cli-alice']);
    expect(listed.AccessKeyMetadata).toEqual([
      expect.objectContaining({ AccessKeyId: key.accessKeyId, Status: 'Active' }),
      expect.objectContaining({ AccessKeyId: second.AccessKeyId, Status: 'Inactive' }),
    ]);

    const never = await json(['iam', 'get-access-key-last-used', '--access-key-id', key.accessKeyId]);
    expect(never).toEqual({
      UserName: 'cli-alice',
      AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
    });

    const identity = await json(['sts', 'get-caller-identity'], key);
    expect(identity).toEqual({
      UserId: expect.stringMatching(/^AIDA/),
      Account: account,
      Arn: created.User && (created.User as Record<string, string>).Arn,
    });
    const used = await json(['iam', 'get-access-key-last-used', '--access-key-id', key.accessKeyId]);
    expect(used.AccessKeyLastUsed).toMatchObject({
      ServiceName: 'sts',
      Region: 'us-east-1',
      LastUsedDate: expect.any(String),
    });

    const root = await json(['sts', 'get-caller-identity']);
    expect(root).toEqual({ UserId: account, Account: account, Arn: `arn:aws:iam::${account}:root` });

    const conflict = await cli(['iam', 'delete-user', '--user-name', 'cli-alice']);
    expect(conflict.code).toBe(254);
    expect(conflict.stderr).toContain('(DeleteConflict)');
    for (const id of [key.accessKeyId, second.AccessKeyId ?? '']) {
      expect(
        (await cli(['iam', 'delete-access-key', '--user-name', 'cli-alice', '--access-key-id', id])).code,
      ).toBe(0);
    }
    expect(
      (await cli(['iam', 'update-user', '--user-name', 'cli-alice', '--new-user-name', 'cli-alicia'])).code,
    ).toBe(0);
    expect((await cli(['iam', 'delete-user', '--user-name', 'cli-alicia'])).code).toBe(0);
  });

  it('follows markers with --page-size 1', async () => {
    for (const name of ['cli-p1', 'cli-p2', 'cli-p3'])
      await json(['iam', 'create-user', '--user-name', name]);
    const listed = await json(['iam', 'list-users', '--page-size', '1']);
    const names = (listed.Users as Array<{ UserName: string }>).map((u) => u.UserName);
    expect(names).toEqual(expect.arrayContaining(['cli-p1', 'cli-p2', 'cli-p3']));
    expect(new Set(names).size).toBe(names.length);
  });

  it('reports not-found errors with exit code 254', async () => {
    const missing = await cli(['iam', 'get-user', '--user-name', 'nobody']);
    expect(missing.code).toBe(254);
    expect(missing.stderr.trim()).toBe(
      'An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name nobody cannot be found.',
    );
    const noKey = await cli(['iam', 'delete-access-key', '--access-key-id', 'AKIAUNKNOWN00000000X']);
    expect(noKey.code).toBe(254);
    expect(noKey.stderr).toContain(
      '(NoSuchEntity) when calling the DeleteAccessKey operation: The Access Key with id AKIAUNKNOWN00000000X cannot be found.',
    );
  });
});
