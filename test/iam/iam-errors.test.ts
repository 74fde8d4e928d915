// Issue 4, acceptance 1: every IAM error through the unmodified SDKs (name, Code, message, status), and the
// SigV4 failures that need a hand-made request (skew, tampering, no authentication).
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAwsRequest } from '../../src/signing/aws-client-sign.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { awsError, iamClient, stsClient } from '../support/aws-clients.js';
import { awsCodeOf, awsMessageOf, signedQuery } from '../support/aws-raw.js';
import { sendRaw } from '../support/e2e-raw-ram.js';
import { type Credentials, Ram, ramClient } from '../support/ram-clients.js';

const SIGNATURE_DOES_NOT_MATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

let server: TestServer;
let iam: IAMClient;
let account: string;
let holderKey: Credentials;
let plainKey: Credentials;

async function newKey(userName: string): Promise<Credentials> {
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  return { accessKeyId: AccessKey?.AccessKeyId ?? '', accessKeySecret: AccessKey?.SecretAccessKey ?? '' };
}

beforeAll(async () => {
  server = await startTestServer();
  iam = iamClient(server, server.root);
  account = server.root.accountId.slice(-12);
  await iam.send(new CreateUserCommand({ UserName: 'holder' }));
  holderKey = await newKey('holder');
  await iam.send(new CreateUserCommand({ UserName: 'plain', Path: '/p/' }));
  plainKey = await newKey('plain');
});
afterAll(async () => {
  await server.destroy();
});

describe('entity errors', () => {
  it.each([
    ['GetUser', () => iam.send(new GetUserCommand({ UserName: 'nobody' }))],
    ['DeleteUser', () => iam.send(new DeleteUserCommand({ UserName: 'nobody' }))],
    ['CreateAccessKey', () => iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }))],
    ['ListAccessKeys', () => iam.send(new ListAccessKeysCommand({ UserName: 'nobody' }))],
  ])('%s of an unknown user: NoSuchEntity 404', async (_, call) => {
    expect(await awsError(call())).toMatchObject({
      name: 'NoSuchEntityException',
      Code: 'NoSuchEntity',
      message: 'The user with name nobody cannot be found.',
      status: 404,
      requestId: expect.any(String),
    });
  });

  it.each([
    [
      'UpdateAccessKey',
      () =>
        iam.send(
          new UpdateAccessKeyCommand({
            UserName: 'holder',
            AccessKeyId: 'AKIAUNKNOWN00000000X',
            Status: 'Inactive',
          }),
        ),
    ],
    [
      'DeleteAccessKey',
      () => iam.send(new DeleteAccessKeyCommand({ UserName: 'holder', AccessKeyId: 'AKIAUNKNOWN00000000X' })),
    ],
  ])('%s of an unknown key: NoSuchEntity 404 naming the key', async (_, call) => {
    expect(await awsError(call())).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The Access Key with id AKIAUNKNOWN00000000X cannot be found.',
      status: 404,
    });
  });

  it('CreateUser of a taken name (in any case): EntityAlreadyExists 409', async () => {
    expect(await awsError(iam.send(new CreateUserCommand({ UserName: 'HOLDER' })))).toMatchObject({
      name: 'EntityAlreadyExistsException',
      Code: 'EntityAlreadyExists',
      message: 'User with name HOLDER already exists.',
      status: 409,
    });
  });

  it('a third key: LimitExceeded 409', async () => {
    await newKey('holder');
    expect(await awsError(iam.send(new CreateAccessKeyCommand({ UserName: 'holder' })))).toMatchObject({
      name: 'LimitExceededException',
      Code: 'LimitExceeded',
      message: 'Cannot exceed quota for AccessKeysPerUser: 2',
      status: 409,
    });
  });

  it('DeleteUser with keys, then with policies: DeleteConflict 409', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'conflicted' }));
    const key = await newKey('conflicted');
    expect(await awsError(iam.send(new DeleteUserCommand({ UserName: 'conflicted' })))).toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete access keys first.',
      status: 409,
    });
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'conflicted', AccessKeyId: key.accessKeyId }));
    // Policies are attached through RAM: the store is shared.
    await ramClient(server.endpoint, server.root).attachPolicyToUser(
      new Ram.AttachPolicyToUserRequest({
        policyType: 'System',
        policyName: 'AliyunRAMReadOnlyAccess',
        userName: 'conflicted',
      }),
    );
    expect(await awsError(iam.send(new DeleteUserCommand({ UserName: 'conflicted' })))).toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must detach all policies first.',
      status: 409,
    });
  });

  it('an operation IAM does not have answers as an unmodeled error', async () => {
    const error = await awsError(
      iam.send(
        new AttachUserPolicyCommand({
          UserName: 'plain',
          PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        }),
      ),
    );
    expect(error).toMatchObject({ name: 'InvalidAction', status: 400 });
    expect(error.message).toBe('Could not find operation AttachUserPolicy for version 2010-05-08');
  });
});

describe('validation errors (ValidationError 400, AWS wording)', () => {
  it.each([
    [
      'a bad Status',
      () =>
        iam.send(
          new UpdateAccessKeyCommand({ AccessKeyId: holderKey.accessKeyId, Status: 'Bogus' as 'Active' }),
        ),
      "1 validation error detected: Value 'Bogus' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]",
    ],
    [
      'a 65-character new user name',
      () => iam.send(new CreateUserCommand({ UserName: 'a'.repeat(65) })),
      `1 validation error detected: Value '${'a'.repeat(65)}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    ],
    [
      'a user name with a space',
      () => iam.send(new GetUserCommand({ UserName: 'bad name' })),
      "1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    ],
    [
      'MaxItems 0',
      () => iam.send(new ListUsersCommand({ MaxItems: 0 })),
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      'MaxItems 1001',
      () => iam.send(new ListUsersCommand({ MaxItems: 1001 })),
      "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000",
    ],
    [
      'a path without a trailing slash',
      () => iam.send(new CreateUserCommand({ UserName: 'pathless', Path: '/x' })),
      "1 validation error detected: Value '/x' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
    ],
    [
      'a missing AccessKeyId',
      () => iam.send(new DeleteAccessKeyCommand({} as { AccessKeyId: string })),
      "1 validation error detected: Value null at 'accessKeyId' failed to satisfy constraint: Member must not be null",
    ],
  ])('%s', async (_, call, message) => {
    expect(await awsError(call())).toMatchObject({
      name: 'ValidationError',
      Code: 'ValidationError',
      message,
      status: 400,
    });
  });

  it('an existing-user name may be 128 characters: a long unknown one is simply not found', async () => {
    expect(await awsError(iam.send(new GetUserCommand({ UserName: 'b'.repeat(100) })))).toMatchObject({
      name: 'NoSuchEntityException',
      status: 404,
    });
  });
});

describe('authorisation (AccessDenied 403 where RAM says NoPermission)', () => {
  it('refuses a user without policies, naming both ARNs', async () => {
    const plain = iamClient(server, plainKey);
    expect(await awsError(plain.send(new GetUserCommand({ UserName: 'holder' })))).toMatchObject({
      name: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::${account}:user/p/plain is not authorized to perform: iam:GetUser on resource: arn:aws:iam::${account}:user/holder`,
    });
    expect(await awsError(plain.send(new ListUsersCommand({})))).toMatchObject({
      name: 'AccessDenied',
      status: 403,
    });
  });

  it('GetAccessKeyLastUsed of an unknown key: AccessDenied 403 in AWS words', async () => {
    const error = await awsError(
      iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAUNKNOWN00000000X' })),
    );
    expect(error).toMatchObject({
      name: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::${account}:root is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key AKIAUNKNOWN00000000X`,
    });
  });

  it("GetAccessKeyLastUsed of another user's key by a self-service user: AccessDenied", async () => {
    await ramClient(server.endpoint, server.root).setSecurityPreference(
      new Ram.SetSecurityPreferenceRequest({ allowUserToManageAccessKeys: true }),
    );
    try {
      const plain = iamClient(server, plainKey);
      const own = await plain.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: plainKey.accessKeyId }));
      expect(own.UserName).toBe('plain');
      expect(
        await awsError(plain.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: holderKey.accessKeyId }))),
      ).toMatchObject({
        name: 'AccessDenied',
        status: 403,
      });
    } finally {
      await ramClient(server.endpoint, server.root).setSecurityPreference(
        new Ram.SetSecurityPreferenceRequest({ allowUserToManageAccessKeys: false }),
      );
    }
  });
});

describe('authentication', () => {
  it('an unknown key: InvalidClientTokenId 403', async () => {
    const stranger = iamClient(server, {
      accessKeyId: 'AKIAUNKNOWN00000000X',
      accessKeySecret: 'x'.repeat(40),
    });
    expect(await awsError(stranger.send(new ListUsersCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      message: INVALID_TOKEN,
      status: 403,
    });
  });

  it('an inactive key: InvalidClientTokenId 403, for STS too', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'sleeper' }));
    const key = await newKey('sleeper');
    await iam.send(
      new UpdateAccessKeyCommand({ UserName: 'sleeper', AccessKeyId: key.accessKeyId, Status: 'Inactive' }),
    );
    expect(await awsError(iamClient(server, key).send(new GetUserCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      message: INVALID_TOKEN,
      status: 403,
    });
    expect(await awsError(stsClient(server, key).send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      status: 403,
    });
  });

  it('a wrong secret: SignatureDoesNotMatch 403', async () => {
    const forger = iamClient(server, { ...holderKey, accessKeySecret: `${holderKey.accessKeySecret}x` });
    expect(await awsError(forger.send(new ListUsersCommand({})))).toMatchObject({
      name: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH,
      status: 403,
    });
  });

  it('a request signed 20 minutes ago: SignatureDoesNotMatch 403 "Signature expired"', async () => {
    const past = new Date(Date.now() - 20 * 60 * 1000);
    const res = await sendRaw(server, signedQuery(server, server.root, 'ListUsers', {}, { date: past }));
    expect(res.status).toBe(403);
    expect(awsCodeOf(res)).toBe('SignatureDoesNotMatch');
    expect(awsMessageOf(res)).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
  });

  it('a request signed 20 minutes ahead: "Signature not yet current"', async () => {
    const future = new Date(Date.now() + 20 * 60 * 1000);
    const res = await sendRaw(server, signedQuery(server, server.root, 'ListUsers', {}, { date: future }));
    expect(res.status).toBe(403);
    expect(awsMessageOf(res)).toMatch(
      /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
    );
  });

  it.each([
    ['with x-amz-content-sha256 (as the JS SDK sends)', true],
    ['without it (as botocore sends)', false],
  ])('a tampered body, %s: SignatureDoesNotMatch 403', async (_, contentSha256Header) => {
    const signed = signedQuery(
      server,
      server.root,
      'GetUser',
      { UserName: 'holder' },
      { contentSha256Header },
    );
    const ok = await sendRaw(server, signed);
    expect(ok.status).toBe(200);
    const res = await sendRaw(server, { ...signed, body: String(signed.body).replace('holder', 'plain0') });
    expect({ status: res.status, code: awsCodeOf(res) }).toEqual({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
  });

  it('a signature scoped to another service: SignatureDoesNotMatch 403', async () => {
    const res = await sendRaw(server, signedQuery(server, server.root, 'ListUsers', {}, { service: 'sts' }));
    expect({ status: res.status, code: awsCodeOf(res) }).toEqual({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
  });

  it('a replayed SigV4 request is accepted again within the window: SigV4 has no nonce', async () => {
    const signed = signedQuery(server, server.root, 'ListUsers');
    expect((await sendRaw(server, signed)).status).toBe(200);
    expect((await sendRaw(server, signed)).status).toBe(200);
  });

  it('no Authorization at all: MissingAuthenticationToken 403 in the XML error shape', async () => {
    const res = await sendRaw(server, {
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListUsers&Version=2010-05-08',
    });
    expect(res.status).toBe(403);
    expect(res.contentType).toBe('text/xml');
    expect(res.text).toMatch(
      /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>Request is missing Authentication Token<\/Message><\/Error><RequestId>[0-9A-F-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });

  it('an oversized SigV4 request is refused in the XML error shape: RequestEntityTooLarge 413', async () => {
    const signed = signedQuery(server, server.root, 'ListUsers');
    const res = await sendRaw(server, { ...signed, body: `${signed.body}&Pad=${'x'.repeat(1024 * 1024)}` });
    expect({ status: res.status, code: awsCodeOf(res), type: res.contentType }).toEqual({
      status: 413,
      code: 'RequestEntityTooLarge',
      type: 'text/xml',
    });
  });

  it('a GET with the parameters in the signed query string is served too', async () => {
    const rawQuery = 'Action=GetUser&Version=2010-05-08&UserName=holder';
    const headers = signAwsRequest({
      method: 'GET',
      host: server.endpoint,
      rawQuery,
      accessKeyId: server.root.accessKeyId,
      secret: server.root.accessKeySecret,
      region: 'us-east-1',
      service: 'iam',
    });
    const res = await sendRaw(server, { method: 'GET', path: `/?${rawQuery}`, headers });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<GetUserResult><User><Path>/</Path><UserName>holder</UserName>');
  });

  it('a SigV4 request without Version or with another: InvalidAction 400', async () => {
    for (const version of ['2015-05-01', '']) {
      const res = await sendRaw(server, signedQuery(server, server.root, 'ListUsers', {}, { version }));
      expect({ status: res.status, code: awsCodeOf(res) }).toEqual({ status: 400, code: 'InvalidAction' });
    }
  });
});
