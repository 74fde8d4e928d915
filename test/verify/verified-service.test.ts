// Acceptance 1: the example service, protected by akm/verify, accepts requests signed with akm keys by
// the official Alibaba Cloud SDK (V3 and V1), pop-core and the AWS SDK's SigV4 signer, and refuses
// tampered, replayed, expired, inactive-key, unknown-key and wrong-service requests with akm's own
// codes in the client's own error format; a key without AkmVerifyAccess cannot verify.
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVerifiedService } from '../../examples/verified-service/server.js';
import { VerifyCallError, VerifyClient } from '../../src/verify/index.js';
import { createUserWithKey, sdkErrorOf } from '../support/acceptance-helpers.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { awsError } from '../support/aws-clients.js';
import { codeOf, type RawRequest, type RawResponse, sendRaw } from '../support/e2e-raw-ram.js';
import { type Credentials, popClient, Ram, ramClient } from '../support/ram-clients.js';
import {
  callWithAlibabaSdk,
  sigV4Request,
  type Target,
  targetOf,
  v3Request,
} from '../support/verified-service-clients.js';

let akm: TestServer;
let service: { url: string; close: () => Promise<void> };
let target: Target;
let alice: Credentials;
let disabled: Credentials;
let intruder: Credentials;
let greeter: Credentials;

const UNKNOWN: Credentials = { accessKeyId: 'LTAI00000000000000000000', accessKeySecret: 'x'.repeat(30) };

function principalOf(body: unknown): unknown {
  return (body as { Principal?: unknown }).Principal;
}

function xmlCode(res: RawResponse): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(res.text)?.[1];
}

beforeAll(async () => {
  akm = await startTestServer();
  const root = ramClient(akm.endpoint, akm.root);
  greeter = await createUserWithKey(root, 'greeter-svc', ['AkmVerifyAccess']);
  intruder = await createUserWithKey(root, 'intruder', ['AliyunRAMFullAccess']);
  alice = await createUserWithKey(root, 'alice', ['AliyunRAMReadOnlyAccess']);
  disabled = await createUserWithKey(root, 'bob');
  await root.updateAccessKey(
    new Ram.UpdateAccessKeyRequest({
      userName: 'bob',
      userAccessKeyId: disabled.accessKeyId,
      status: 'Inactive',
    }),
  );
  service = await startVerifiedService({ endpoint: akm.url, ...greeter, service: 'greeter' });
  target = targetOf(service.url);
});

afterAll(async () => {
  await service?.close();
  await akm?.destroy();
});

describe('the example service accepts akm-signed requests', () => {
  // The example service echoes the principal akm/verify attached to the request.
  const ALICE = (accessKeyId: string) => ({
    accountId: akm.root.accountId,
    type: 'User',
    userName: 'alice',
    accessKeyId,
    policies: ['AliyunRAMReadOnlyAccess'],
  });

  it.each(['v3', 'v2'] as const)('from @alicloud/ram20150501 (signature %s)', async (signature) => {
    const body = await callWithAlibabaSdk(target, alice, signature, { Name: 'Alice (dev)*!' });
    expect(body.Message).toBe('hello alice');
    expect(principalOf(body)).toEqual(ALICE(alice.accessKeyId));
  });

  it.each(['GET', 'POST'] as const)('from @alicloud/pop-core (V1, %s)', async (method) => {
    const pop = popClient(service.url, alice);
    const body: unknown = await pop.request('Greet', { Name: 'Alice' }, { method });
    expect(principalOf(body)).toEqual(ALICE(alice.accessKeyId));
  });

  it('from the AWS SDK signer (SigV4 for the service, with a JSON body)', async () => {
    const res = await sendRaw(target, await sigV4Request(target, alice));
    expect(res.status).toBe(200);
    expect(principalOf(res.json)).toEqual(ALICE(alice.accessKeyId));
    expect((res.json as { BodyBytes: number }).BodyBytes).toBe('{"greeting":"hi"}'.length);
  });

  it('for the account root, whose principal has no user name', async () => {
    const body = await callWithAlibabaSdk(target, akm.root, 'v3');
    expect(principalOf(body)).toEqual({
      accountId: akm.root.accountId,
      type: 'Root',
      accessKeyId: akm.root.accessKeyId,
      policies: [],
    });
  });
});

describe("the example service refuses, in the client's own format", () => {
  it('a tampered RAM request: SignatureDoesNotMatch', async () => {
    const signed = v3Request(target, alice);
    const res = await sendRaw(target, { ...signed, path: '/?Name=mallory' });
    expect([res.status, codeOf(res)]).toEqual([400, 'SignatureDoesNotMatch']);
  });

  it('a tampered SigV4 body: SignatureDoesNotMatch in an AWS ErrorResponse', async () => {
    const signed = await sigV4Request(target, alice);
    const res = await sendRaw(target, { ...signed, body: '{"greeting":"HI"}' });
    expect([res.status, xmlCode(res)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(res.text).toContain('<ErrorResponse');
  });

  it('a replayed RAM request: SignatureNonceUsed', async () => {
    const signed = v3Request(target, alice);
    expect((await sendRaw(target, signed)).status).toBe(200);
    const res = await sendRaw(target, signed);
    expect([res.status, codeOf(res)]).toEqual([400, 'SignatureNonceUsed']);
  });

  it('an expired request: InvalidTimeStamp.Expired (RAM), SignatureDoesNotMatch "Signature expired" (AWS)', async () => {
    const past = new Date(Date.now() - 20 * 60 * 1000);
    const ram = await sendRaw(target, v3Request(target, alice, { date: past }));
    expect([ram.status, codeOf(ram)]).toEqual([400, 'InvalidTimeStamp.Expired']);
    const aws = await sendRaw(target, await sigV4Request(target, alice, { date: past }));
    expect([aws.status, xmlCode(aws)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(aws.text).toContain('Signature expired');
  });

  it('an Inactive key: InvalidAccessKeyId.Inactive (RAM), InvalidClientTokenId (AWS)', async () => {
    const error = sdkErrorOf(await callWithAlibabaSdk(target, disabled, 'v3').catch((e: unknown) => e));
    expect([error.code, error.statusCode]).toEqual(['InvalidAccessKeyId.Inactive', 400]);
    const aws = await sendRaw(target, await sigV4Request(target, disabled));
    expect([aws.status, xmlCode(aws)]).toEqual([403, 'InvalidClientTokenId']);
  });

  it('an unknown key: InvalidAccessKeyId.NotFound', async () => {
    const error = sdkErrorOf(await callWithAlibabaSdk(target, UNKNOWN, 'v2').catch((e: unknown) => e));
    expect([error.code, error.statusCode]).toEqual(['InvalidAccessKeyId.NotFound', 404]);
  });

  it('a request signed for another service (the IAM client signs for iam)', async () => {
    const iam = new IAMClient({
      endpoint: service.url,
      region: 'us-east-1',
      credentials: { accessKeyId: alice.accessKeyId, secretAccessKey: alice.accessKeySecret },
      maxAttempts: 1,
    });
    const error = await awsError(iam.send(new ListUsersCommand({})));
    expect([error.name, error.status]).toEqual(['SignatureDoesNotMatch', 403]);
  });

  it('an unsigned request', async () => {
    const res = await sendRaw(target, { method: 'GET', path: '/', headers: {} });
    expect([res.status, codeOf(res)]).toEqual([400, 'MissingAccessKeyId']);
  });
});

describe('verification needs AkmVerifyAccess', () => {
  it('refuses the verify call of a key without it (even AliyunRAMFullAccess) with NoPermission', async () => {
    const client = new VerifyClient({ endpoint: akm.url, ...intruder, service: 'greeter' });
    try {
      const failure = await client
        .verify({ method: 'GET', host: 'x', path: '/', query: {}, headers: {}, bodySha256: '0'.repeat(64) })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(VerifyCallError);
      expect(failure).toMatchObject({ code: 'NoPermission', status: 403 });
    } finally {
      client.close();
    }
  });

  it('makes a service running with such a key answer ServiceUnavailable', async () => {
    const misconfigured = await startVerifiedService({ endpoint: akm.url, ...intruder, service: 'greeter' });
    try {
      const res = await sendRaw(targetOf(misconfigured.url), v3Request(targetOf(misconfigured.url), alice));
      expect([res.status, codeOf(res)]).toEqual([503, 'ServiceUnavailable']);
    } finally {
      await misconfigured.close();
    }
  });

  it('is also reachable as the RAM action VerifyRequestSignature', async () => {
    const signed = v3Request(target, alice);
    const request = JSON.stringify({
      method: 'POST',
      host: target.endpoint,
      path: '/',
      query: { Name: 'world' },
      headers: signed.headers,
      bodySha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    const pop = popClient(akm.url, greeter);
    const body: unknown = await pop.request(
      'VerifyRequestSignature',
      { Request: request, Service: 'greeter' },
      { method: 'POST' },
    );
    expect(body).toMatchObject({
      Verified: true,
      Protocol: 'RAM',
      Principal: { UserName: 'alice', Policies: { Policy: ['AliyunRAMReadOnlyAccess'] } },
    });
    const replay: unknown = await pop.request(
      'VerifyRequestSignature',
      { Request: request, Service: 'greeter' },
      { method: 'POST' },
    );
    expect(replay).toMatchObject({ Verified: false, Error: { Code: 'SignatureNonceUsed', HttpStatus: 400 } });
  });
});

describe("verified uses are recorded as the key's usage under the service name", () => {
  it('GetAccessKeyLastUsed names the service, action, source address and user agent', async () => {
    await callWithAlibabaSdk(target, alice, 'v3');
    const root = ramClient(akm.endpoint, akm.root);
    const response = await root.getAccessKeyLastUsed(
      new Ram.GetAccessKeyLastUsedRequest({ userName: 'alice', userAccessKeyId: alice.accessKeyId }),
    );
    expect(response.body?.accessKeyLastUsed?.lastUsedDate).toBeDefined();
    const raw = await sendRaw(akm, rawLastUsed(alice.accessKeyId));
    expect(raw.json).toMatchObject({
      AccessKeyLastUsed: { ServiceName: 'greeter', Action: 'Greet', SourceIp: '127.0.0.1' },
    });
    expect(
      String((raw.json as { AccessKeyLastUsed: { UserAgent: string } }).AccessKeyLastUsed.UserAgent),
    ).toContain('AlibabaCloud');
  });
});

/** GetAccessKeyLastUsed of alice's key by the root, raw, to see akm's extra fields. */
function rawLastUsed(accessKeyId: string): RawRequest {
  const query = { UserName: 'alice', UserAccessKeyId: accessKeyId };
  return v3Request(targetOf(akm.url), akm.root, { action: 'GetAccessKeyLastUsed', query });
}
