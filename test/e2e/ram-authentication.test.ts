// Request authentication over raw HTTP, for V1 and V3 alike: key states, signatures, time window, nonces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { makeCaller, prop, type RamCaller } from '../support/e2e-ram-callers.js';
import {
  expectRamError,
  newNonce,
  SCHEMES,
  type SignedCall,
  sendRaw,
  V1_GET,
  withQueryParam,
} from '../support/e2e-raw-ram.js';
import type { Credentials } from '../support/ram-clients.js';

const MINUTE = 60_000;

let server: TestServer;
let root: RamCaller;
let reader: Credentials;
let inactive: Credentials;
let deleted: Credentials;

async function createUserWithKey(userName: string): Promise<Credentials> {
  await root.call('CreateUser', { UserName: userName });
  await root.call('AttachPolicyToUser', {
    UserName: userName,
    PolicyType: 'System',
    PolicyName: 'AliyunRAMReadOnlyAccess',
  });
  const key = (await root.call('CreateAccessKey', { UserName: userName })).AccessKey;
  return {
    accessKeyId: String(prop(key, 'AccessKeyId')),
    accessKeySecret: String(prop(key, 'AccessKeySecret')),
  };
}

async function lastUsedOf(userName: string, key: Credentials): Promise<unknown> {
  const body = await root.call('GetAccessKeyLastUsed', {
    UserName: userName,
    UserAccessKeyId: key.accessKeyId,
  });
  return prop(body.AccessKeyLastUsed, 'LastUsedDate');
}

beforeAll(async () => {
  server = await startTestServer();
  root = makeCaller('ram20150501 V3', server, server.root);
  reader = await createUserWithKey('auth-reader');
  inactive = await createUserWithKey('auth-inactive');
  await root.call('UpdateAccessKey', {
    UserName: 'auth-inactive',
    UserAccessKeyId: inactive.accessKeyId,
    Status: 'Inactive',
  });
  deleted = await createUserWithKey('auth-deleted');
  await root.call('DeleteAccessKey', { UserName: 'auth-deleted', UserAccessKeyId: deleted.accessKeyId });
});
afterAll(async () => {
  await server.destroy();
});

describe.each(SCHEMES)('$name', (scheme) => {
  const send = (call: SignedCall) => sendRaw(server, scheme.build(server, call));
  const listUsers = (overrides: Partial<SignedCall> = {}): SignedCall => ({
    action: 'ListUsers',
    params: { MaxItems: '5' },
    credentials: server.root,
    ...overrides,
  });

  it('accepts a correctly signed request', async () => {
    const res = await send(listUsers());
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ RequestId: expect.any(String), IsTruncated: false });
  });

  it('refuses a replayed request (same nonce) with SignatureNonceUsed', async () => {
    const req = scheme.build(server, listUsers());
    expect((await sendRaw(server, req)).status).toBe(200);
    expectRamError(await sendRaw(server, req), 400, 'SignatureNonceUsed');
  });

  it('refuses the same nonce under a fresh signature with SignatureNonceUsed', async () => {
    const nonce = newNonce();
    expect((await send(listUsers({ nonce }))).status).toBe(200);
    expectRamError(await send(listUsers({ nonce, params: { MaxItems: '6' } })), 400, 'SignatureNonceUsed');
  });

  it.each([
    ['20 minutes old', -20 * MINUTE],
    ['20 minutes in the future', 20 * MINUTE],
    ['a day old', -24 * 60 * MINUTE],
  ])('refuses a timestamp %s with InvalidTimeStamp.Expired', async (_label, offset) => {
    expectRamError(
      await send(listUsers({ date: new Date(Date.now() + offset) })),
      400,
      'InvalidTimeStamp.Expired',
    );
  });

  it('accepts a timestamp a few minutes off, inside the 15-minute window', async () => {
    expect((await send(listUsers({ date: new Date(Date.now() - 5 * MINUTE) }))).status).toBe(200);
    expect((await send(listUsers({ date: new Date(Date.now() + 5 * MINUTE) }))).status).toBe(200);
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const credentials = {
      accessKeyId: server.root.accessKeyId,
      accessKeySecret: 'wrongsecretwrongsecretwrongsec',
    };
    expectRamError(await send(listUsers({ credentials })), 400, 'SignatureDoesNotMatch');
  });

  it('refuses another key’s secret with SignatureDoesNotMatch', async () => {
    const credentials = { accessKeyId: server.root.accessKeyId, accessKeySecret: reader.accessKeySecret };
    expectRamError(await send(listUsers({ credentials })), 400, 'SignatureDoesNotMatch');
  });

  it.each([
    ['a changed value', 'MaxItems', '6'],
    ['an added parameter', 'Marker', 'x'],
    ['a changed value to the empty string', 'MaxItems', ''],
  ])('refuses %s after signing with SignatureDoesNotMatch', async (_label, name, value) => {
    const req = withQueryParam(scheme.build(server, listUsers()), name, value);
    expectRamError(await sendRaw(server, req), 400, 'SignatureDoesNotMatch');
  });

  it('refuses an unknown AccessKeyId with InvalidAccessKeyId.NotFound', async () => {
    const credentials = { accessKeyId: 'LTAI0000000000000000none', accessKeySecret: 'x'.repeat(30) };
    expectRamError(await send(listUsers({ credentials })), 404, 'InvalidAccessKeyId.NotFound');
  });

  it('refuses an inactive key with InvalidAccessKeyId.Inactive, even when correctly signed', async () => {
    expectRamError(await send(listUsers({ credentials: inactive })), 400, 'InvalidAccessKeyId.Inactive');
  });

  it('refuses a deleted key with InvalidAccessKeyId.NotFound', async () => {
    expectRamError(await send(listUsers({ credentials: deleted })), 404, 'InvalidAccessKeyId.NotFound');
  });

  it('refuses an unknown action with InvalidAction.NotFound', async () => {
    expectRamError(
      await send({ action: 'NoSuchAction', credentials: server.root }),
      404,
      'InvalidAction.NotFound',
    );
  });

  it('refuses another API version with InvalidVersion', async () => {
    expectRamError(await send(listUsers({ version: '2019-08-15' })), 400, 'InvalidVersion');
  });

  it('does not burn the nonce of a request that fails authentication', async () => {
    const nonce = newNonce();
    const wrong = { accessKeyId: server.root.accessKeyId, accessKeySecret: 'wrongsecretwrongsecretwrongsec' };
    expectRamError(await send(listUsers({ nonce, credentials: wrong })), 400, 'SignatureDoesNotMatch');
    expectRamError(
      await send(listUsers({ nonce, date: new Date(Date.now() - 20 * MINUTE) })),
      400,
      'InvalidTimeStamp.Expired',
    );
    const tampered = withQueryParam(scheme.build(server, listUsers({ nonce })), 'MaxItems', '7');
    expectRamError(await sendRaw(server, tampered), 400, 'SignatureDoesNotMatch');
    const res = await send(listUsers({ nonce }));
    expect(res.status).toBe(200);
  });

  it('keeps nonces per AccessKey: one nonce may be used once by each key', async () => {
    const nonce = newNonce();
    expect((await send(listUsers({ nonce }))).status).toBe(200);
    expect((await send(listUsers({ nonce, credentials: reader }))).status).toBe(200);
  });
});

describe('last use', () => {
  it('is recorded only for authenticated requests', async () => {
    const key = await createUserWithKey('auth-lastuse');
    const wrong = { accessKeyId: key.accessKeyId, accessKeySecret: 'wrongsecretwrongsecretwrongsec' };
    for (const scheme of SCHEMES) {
      const res = await sendRaw(server, scheme.build(server, { action: 'ListUsers', credentials: wrong }));
      expectRamError(res, 400, 'SignatureDoesNotMatch');
    }
    expect(await lastUsedOf('auth-lastuse', key)).toBeUndefined();
    const ok = await sendRaw(server, V1_GET.build(server, { action: 'ListUsers', credentials: key }));
    expect(ok.status).toBe(200);
    expect(await lastUsedOf('auth-lastuse', key)).toEqual(expect.stringMatching(/Z$/));
  });

  it('is not recorded for an inactive key', async () => {
    for (const scheme of SCHEMES) {
      expectRamError(
        await sendRaw(server, scheme.build(server, { action: 'ListUsers', credentials: inactive })),
        400,
        'InvalidAccessKeyId.Inactive',
      );
    }
    expect(await lastUsedOf('auth-inactive', inactive)).toBeUndefined();
  });
});
