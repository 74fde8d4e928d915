// Issue 4, acceptance 1: the unmodified @aws-sdk/client-iam and client-sts through the whole lifecycle of
// users and keys, with paginators, last use, the account summary and the caller's identity.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetUserCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
  paginateListAccessKeys,
  paginateListUsers,
  UpdateAccessKeyCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { AWS_REGION, iamClient, stsClient } from '../support/aws-clients.js';
import type { Credentials } from '../support/ram-clients.js';

const AWS_KEY_ID = /^AKIA[A-Z2-7]{16}$/;
const AWS_SECRET = /^[A-Za-z0-9+/]{40}$/;
const IAM_USER_ID = /^AIDA[A-Z2-7]{17}$/;
const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

let server: TestServer;
let iam: IAMClient;
let account: string;

beforeAll(async () => {
  server = await startTestServer();
  iam = iamClient(server, server.root);
  account = server.root.accountId.slice(-12);
});
afterAll(async () => {
  await server.destroy();
});

async function newKey(userName?: string): Promise<Credentials> {
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand(userName ? { UserName: userName } : {}));
  return { accessKeyId: AccessKey?.AccessKeyId ?? '', accessKeySecret: AccessKey?.SecretAccessKey ?? '' };
}

describe('users through @aws-sdk/client-iam', () => {
  it('creates, reads, renames, moves and deletes a user, with IAM identifiers', async () => {
    const created = await iam.send(new CreateUserCommand({ UserName: 'lc-alice', Path: '/eng/' }));
    expect(created.$metadata).toMatchObject({
      httpStatusCode: 200,
      requestId: expect.stringMatching(REQUEST_ID),
    });
    expect(created.User).toEqual({
      Path: '/eng/',
      UserName: 'lc-alice',
      UserId: expect.stringMatching(IAM_USER_ID),
      Arn: `arn:aws:iam::${account}:user/eng/lc-alice`,
      CreateDate: expect.any(Date),
    });

    const got = await iam.send(new GetUserCommand({ UserName: 'LC-ALICE' }));
    expect(got.User).toEqual(created.User);

    const renamed = await iam.send(
      new UpdateUserCommand({ UserName: 'lc-alice', NewUserName: 'lc-alicia', NewPath: '/ops/' }),
    );
    expect(renamed.$metadata.httpStatusCode).toBe(200);
    const moved = await iam.send(new GetUserCommand({ UserName: 'lc-alicia' }));
    expect(moved.User).toMatchObject({
      Path: '/ops/',
      UserId: created.User?.UserId,
      Arn: `arn:aws:iam::${account}:user/ops/lc-alicia`,
    });

    await iam.send(new DeleteUserCommand({ UserName: 'lc-alicia' }));
    await expect(iam.send(new GetUserCommand({ UserName: 'lc-alicia' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  it('pages ListUsers with paginateListUsers at pageSize 1 and filters by PathPrefix', async () => {
    const names = ['pg-a', 'pg-b', 'pg-c'];
    for (const [i, name] of names.entries()) {
      await iam.send(new CreateUserCommand({ UserName: name, Path: i === 1 ? '/team/' : '/' }));
    }
    const pages = [];
    for await (const page of paginateListUsers({ client: iam, pageSize: 1 }, {})) pages.push(page);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages.slice(0, -1)) {
      expect(page.Users).toHaveLength(1);
      expect(page.IsTruncated).toBe(true);
      expect(page.Marker).toEqual(expect.any(String));
    }
    const last = pages[pages.length - 1];
    expect(last?.IsTruncated).toBe(false);
    expect(last?.Marker).toBeUndefined();
    const listed = pages.flatMap((page) => (page.Users ?? []).map((u) => u.UserName));
    expect(listed).toEqual(expect.arrayContaining(names));
    expect(new Set(listed).size).toBe(listed.length);

    const team = await iam.send(new ListUsersCommand({ PathPrefix: '/team/' }));
    expect(team.Users?.map((u) => u.UserName)).toEqual(['pg-b']);
    const none = await iam.send(new ListUsersCommand({ PathPrefix: '/nobody/' }));
    expect(none).toMatchObject({ Users: [], IsTruncated: false });
    for (const name of names) await iam.send(new DeleteUserCommand({ UserName: name }));
  });

  it('describes the root to itself without a user name: UserId is the account, Arn is :root', async () => {
    const self = await iam.send(new GetUserCommand({}));
    expect(self.User).toEqual({
      UserId: account,
      Arn: `arn:aws:iam::${account}:root`,
      CreateDate: expect.any(Date),
    });
  });
});

describe('access keys through @aws-sdk/client-iam', () => {
  it('creates AWS-format keys, updates, lists, pages and deletes them', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'keys-bob' }));
    const first = await iam.send(new CreateAccessKeyCommand({ UserName: 'keys-bob' }));
    expect(first.AccessKey).toEqual({
      UserName: 'keys-bob',
      AccessKeyId: expect.stringMatching(AWS_KEY_ID),
      Status: 'Active',
      SecretAccessKey: expect.stringMatching(AWS_SECRET),
      CreateDate: expect.any(Date),
    });
    const second = await newKey('keys-bob');

    await iam.send(
      new UpdateAccessKeyCommand({
        UserName: 'keys-bob',
        AccessKeyId: second.accessKeyId,
        Status: 'Inactive',
      }),
    );
    const listed = await iam.send(new ListAccessKeysCommand({ UserName: 'keys-bob' }));
    expect(listed).toMatchObject({ IsTruncated: false });
    expect(listed.Marker).toBeUndefined();
    expect(listed.AccessKeyMetadata).toEqual([
      {
        UserName: 'keys-bob',
        AccessKeyId: first.AccessKey?.AccessKeyId,
        Status: 'Active',
        CreateDate: expect.any(Date),
      },
      {
        UserName: 'keys-bob',
        AccessKeyId: second.accessKeyId,
        Status: 'Inactive',
        CreateDate: expect.any(Date),
      },
    ]);

    const pages = [];
    for await (const page of paginateListAccessKeys({ client: iam, pageSize: 1 }, { UserName: 'keys-bob' })) {
      pages.push(page);
    }
    expect(pages.map((p) => p.AccessKeyMetadata?.map((k) => k.AccessKeyId))).toEqual([
      [first.AccessKey?.AccessKeyId],
      [second.accessKeyId],
    ]);
    expect(pages.map((p) => p.IsTruncated)).toEqual([true, false]);

    for (const id of [first.AccessKey?.AccessKeyId, second.accessKeyId]) {
      await iam.send(new DeleteAccessKeyCommand({ UserName: 'keys-bob', AccessKeyId: id }));
    }
    const empty = await iam.send(new ListAccessKeysCommand({ UserName: 'keys-bob' }));
    expect(empty).toMatchObject({ AccessKeyMetadata: [], IsTruncated: false });
    await iam.send(new DeleteUserCommand({ UserName: 'keys-bob' }));
  });

  it('reports N/A for a never-used key, then iam and the signing region after a use', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'lu-carol' }));
    const key = await newKey('lu-carol');
    const never = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.accessKeyId }));
    expect(never.UserName).toBe('lu-carol');
    expect(never.AccessKeyLastUsed).toEqual({ ServiceName: 'N/A', Region: 'N/A' });

    // Carol has no policy, so the call is refused, but it was authenticated: that is a use.
    await iamClient(server, key, 'eu-west-1')
      .send(new GetUserCommand({}))
      .catch(() => undefined);
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.accessKeyId }));
    expect(used.AccessKeyLastUsed).toEqual({
      LastUsedDate: expect.any(Date),
      ServiceName: 'iam',
      Region: 'eu-west-1',
    });

    await stsClient(server, key).send(new GetCallerIdentityCommand({}));
    const viaSts = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.accessKeyId }));
    expect(viaSts.AccessKeyLastUsed).toMatchObject({ ServiceName: 'sts', Region: AWS_REGION });
  });

  it("manages the caller's own keys when UserName is omitted (the root's own for the root)", async () => {
    const own = await newKey();
    const listed = await iam.send(new ListAccessKeysCommand({}));
    const ids = listed.AccessKeyMetadata?.map((k) => k.AccessKeyId);
    expect(ids).toEqual(expect.arrayContaining([server.root.accessKeyId, own.accessKeyId]));
    expect(listed.AccessKeyMetadata?.every((k) => k.UserName === undefined)).toBe(true);
    const lastUsed = await iam.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: server.root.accessKeyId }),
    );
    expect(lastUsed.UserName).toBeUndefined();
    expect(lastUsed.AccessKeyLastUsed).toMatchObject({ ServiceName: 'iam', Region: AWS_REGION });
    await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: own.accessKeyId }));
  });
});

describe('account summary and caller identity', () => {
  it('reports users and the quotas akm enforces', async () => {
    const before = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {};
    await iam.send(new CreateUserCommand({ UserName: 'sum-dave' }));
    const after = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {};
    expect(after).toMatchObject({
      AccessKeysPerUserQuota: 2,
      AccountAccessKeysPresent: 1,
      UsersQuota: 1000,
      Users: (before.Users ?? 0) + 1,
    });
    await iam.send(new DeleteUserCommand({ UserName: 'sum-dave' }));
  });

  it('answers GetCallerIdentity for the root and for a user without any policy', async () => {
    const sts = stsClient(server, server.root);
    expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: account,
      Arn: `arn:aws:iam::${account}:root`,
      UserId: account,
    });
    const created = await iam.send(new CreateUserCommand({ UserName: 'who-erin', Path: '/x/' }));
    const key = await newKey('who-erin');
    expect(await stsClient(server, key).send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: account,
      Arn: `arn:aws:iam::${account}:user/x/who-erin`,
      UserId: created.User?.UserId,
    });
  });
});
