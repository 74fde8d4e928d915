// Issue 4, acceptance 3: one store, two wires. A key made through RAM signs IAM calls and a key made
// through IAM signs RAM calls; both are listed by both APIs; names and last uses cross over too.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { iamClient, stsClient } from '../support/aws-clients.js';
import { CLIENT_MODES, makeCaller, prop } from '../support/e2e-ram-callers.js';
import { type Credentials, Ram, ramClient } from '../support/ram-clients.js';

let server: TestServer;
let ramKey: Credentials;
let awsKey: Credentials;

const ramRoot = () => ramClient(server.endpoint, server.root);
const iamRoot = () => iamClient(server, server.root);

beforeAll(async () => {
  server = await startTestServer();
  await ramRoot().createUser(new Ram.CreateUserRequest({ userName: 'both' }));
  await ramRoot().attachPolicyToUser(
    new Ram.AttachPolicyToUserRequest({
      policyType: 'System',
      policyName: 'AdministratorAccess',
      userName: 'both',
    }),
  );
  const made = await ramRoot().createAccessKey(new Ram.CreateAccessKeyRequest({ userName: 'both' }));
  ramKey = {
    accessKeyId: made.body?.accessKey?.accessKeyId ?? '',
    accessKeySecret: made.body?.accessKey?.accessKeySecret ?? '',
  };
  const { AccessKey } = await iamRoot().send(new CreateAccessKeyCommand({ UserName: 'both' }));
  awsKey = { accessKeyId: AccessKey?.AccessKeyId ?? '', accessKeySecret: AccessKey?.SecretAccessKey ?? '' };
});
afterAll(async () => {
  await server.destroy();
});

describe('keys across wires', () => {
  it('have each wire’s own format', () => {
    expect(ramKey.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect(ramKey.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(awsKey.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(awsKey.accessKeySecret).toMatch(/^[A-Za-z0-9+/]{40}$/);
  });

  it('a RAM-made key signs successful IAM and STS calls', async () => {
    const listed = await iamClient(server, ramKey).send(new ListUsersCommand({}));
    expect(listed.Users?.map((u) => u.UserName)).toContain('both');
    const identity = await stsClient(server, ramKey).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toMatch(/:user\/both$/);
  });

  it.each(CLIENT_MODES)('an IAM-made key signs a successful RAM call through %s', async (mode) => {
    const body = await makeCaller(mode, server, awsKey).call('GetUser', { UserName: 'both' });
    expect(prop(body.User, 'UserName')).toBe('both');
  });

  it('both keys are listed by both APIs', async () => {
    const viaIam = await iamRoot().send(new ListAccessKeysCommand({ UserName: 'both' }));
    expect(viaIam.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([
      ramKey.accessKeyId,
      awsKey.accessKeyId,
    ]);
    const viaRam = await ramRoot().listAccessKeys(new Ram.ListAccessKeysRequest({ userName: 'both' }));
    expect(viaRam.body?.accessKeys?.accessKey?.map((k) => k.accessKeyId)).toEqual([
      ramKey.accessKeyId,
      awsKey.accessKeyId,
    ]);
  });

  it('a use through RAM shows as service ram (no region) to IAM, and its date to RAM', async () => {
    await ramClient(server.endpoint, ramKey).listUsers(new Ram.ListUsersRequest({}));
    const viaIam = await iamRoot().send(new GetAccessKeyLastUsedCommand({ AccessKeyId: ramKey.accessKeyId }));
    expect(viaIam.AccessKeyLastUsed).toMatchObject({
      ServiceName: 'ram',
      Region: 'N/A',
      LastUsedDate: expect.any(Date),
    });
    const viaRam = await ramRoot().getAccessKeyLastUsed(
      new Ram.GetAccessKeyLastUsedRequest({ userName: 'both', userAccessKeyId: ramKey.accessKeyId }),
    );
    expect(viaRam.body?.accessKeyLastUsed?.lastUsedDate).toMatch(/Z$/);
  });
});

describe('users across wires', () => {
  it('a user IAM creates with IAM-only characters and a path is listed and managed by RAM', async () => {
    await iamRoot().send(new CreateUserCommand({ UserName: 'team+ops=a,b', Path: '/ops/' }));
    const listed = await ramRoot().listUsers(new Ram.ListUsersRequest({}));
    expect(listed.body?.users?.user?.map((u) => u.userName)).toContain('team+ops=a,b');
    const got = await ramRoot().getUser(new Ram.GetUserRequest({ userName: 'team+ops=a,b' }));
    expect(got.body?.user?.userName).toBe('team+ops=a,b');
    await ramRoot().deleteUser(new Ram.DeleteUserRequest({ userName: 'team+ops=a,b' }));
  });

  it('RAM still refuses to create a name with IAM-only characters', async () => {
    await expect(ramRoot().createUser(new Ram.CreateUserRequest({ userName: 'a+b' }))).rejects.toMatchObject({
      code: 'InvalidParameter.UserName.InvalidChars',
    });
  });

  it('a user RAM creates has an IAM identity with the root path', async () => {
    const got = await iamRoot().send(new GetUserCommand({ UserName: 'both' }));
    expect(got.User).toMatchObject({ Path: '/', UserName: 'both', UserId: expect.stringMatching(/^AIDA/) });
  });
});
