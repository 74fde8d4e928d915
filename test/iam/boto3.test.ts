// Issue 4, acceptance 2: Debian's boto3 (`python3-boto3`, installed by .ci/run) runs boto3_scenario.py
// against akm; this test asserts on what boto3 observed.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { awsEnv, DEBIAN_PYTHON, makeAwsHome, runProcess } from '../support/aws-cli-process.js';

const SCENARIO = fileURLToPath(new URL('./boto3_scenario.py', import.meta.url));

let server: TestServer;
let aws: ReturnType<typeof makeAwsHome>;
let seen: Record<string, unknown>;

beforeAll(async () => {
  server = await startTestServer();
  aws = makeAwsHome();
  const result = await runProcess(
    DEBIAN_PYTHON,
    [SCENARIO],
    awsEnv(aws.home, server.root, { AKM_ENDPOINT: server.url }),
  );
  if (result.code !== 0) throw new Error(`boto3 scenario failed (${result.code}): ${result.stderr}`);
  seen = JSON.parse(result.stdout) as Record<string, unknown>;
});
afterAll(async () => {
  aws.cleanup();
  await server.destroy();
});

describe('boto3 (Debian python3-boto3) against akm', () => {
  const account = () => server.root.accountId.slice(-12);

  it("is Debian's build", () => {
    expect(seen.boto3_path).toMatch(/^\/usr\/lib\/python3\/dist-packages\/boto3\//);
  });

  it('creates users and pages them one at a time', () => {
    expect(seen.created).toMatchObject({
      UserName: 'py-alice',
      Path: '/py/',
      Arn: `arn:aws:iam::${account()}:user/py/py-alice`,
    });
    const pages = seen.paged_users as string[][];
    expect(pages.every((page) => page.length === 1)).toBe(true);
    expect(pages.flat()).toEqual(['py-alice', 'py-p1', 'py-p2']);
  });

  it('creates AWS-format keys, refuses a third, updates and lists them', () => {
    const [first, second] = seen.key_ids as string[];
    expect(first).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(seen.secret_length).toBe(40);
    expect(seen.limit).toMatchObject({
      code: 'LimitExceeded',
      type: 'Sender',
      message: 'Cannot exceed quota for AccessKeysPerUser: 2',
      status: 409,
      request_id: expect.any(String),
      text: 'An error occurred (LimitExceeded) when calling the CreateAccessKey operation: Cannot exceed quota for AccessKeysPerUser: 2',
    });
    expect(seen.listed).toEqual([
      [first, 'Active'],
      [second, 'Inactive'],
    ]);
    expect(seen.listed_truncated).toBe(false);
    expect(seen.empty_keys).toEqual([]);
  });

  it('reads last use: N/A when never used, then sts and the region after GetCallerIdentity', () => {
    expect(seen.never_used).toEqual({ ServiceName: 'N/A', Region: 'N/A' });
    expect(seen.identity).toMatchObject({
      Account: account(),
      Arn: `arn:aws:iam::${account()}:user/py/py-alice`,
    });
    expect(seen.used).toMatchObject({
      UserName: 'py-alice',
      ServiceName: 'sts',
      Region: 'us-east-1',
      LastUsedDate: expect.any(String),
    });
  });

  it('reports not-found, conflict and validation errors with their codes and statuses', () => {
    expect(seen.not_found).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The user with name nobody cannot be found.',
    });
    expect(seen.no_such_key).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The Access Key with id AKIAUNKNOWN00000000X cannot be found.',
    });
    expect(seen.conflict).toMatchObject({ code: 'DeleteConflict', status: 409 });
    expect(seen.bad_status).toMatchObject({ code: 'ValidationError', status: 400 });
    expect(seen.deleted).toBe('NoSuchEntity');
  });
});
