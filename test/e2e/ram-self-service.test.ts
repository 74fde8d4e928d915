// AllowUserToManageAccessKeys: what a RAM user without policies may do with its own keys, and only its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { expectedError, makeCaller, prop, type RamBody, type RamCaller } from '../support/e2e-ram-callers.js';
import type { Credentials } from '../support/ram-clients.js';

let server: TestServer;
let root: RamCaller;

function credentialsOf(body: RamBody): Credentials {
  return {
    accessKeyId: String(prop(body.AccessKey, 'AccessKeyId')),
    accessKeySecret: String(prop(body.AccessKey, 'AccessKeySecret')),
  };
}

function keyIds(body: RamBody): unknown[] {
  const list = prop(prop(body, 'AccessKeys'), 'AccessKey');
  return Array.isArray(list) ? list.map((k: unknown) => prop(k, 'AccessKeyId')) : [];
}

beforeAll(async () => {
  server = await startTestServer();
  root = makeCaller('ram20150501 V3', server, server.root);
  await root.call('SetSecurityPreference', { AllowUserToManageAccessKeys: true });
});
afterAll(async () => {
  await server.destroy();
});

describe.each(['ram20150501 V3', 'pop-core GET'] as const)('self-service keys through %s', (mode) => {
  const userName = `self-${mode.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
  const other = `${userName}-other`;
  let user: RamCaller;
  let firstKey: Credentials;

  beforeAll(async () => {
    await root.call('CreateUser', { UserName: userName });
    await root.call('CreateUser', { UserName: other });
    await root.call('CreateAccessKey', { UserName: other });
    firstKey = credentialsOf(await root.call('CreateAccessKey', { UserName: userName }));
    user = makeCaller(mode, server, firstKey);
  });

  it('creates, lists, disables, reads last use of and deletes its own key without UserName', async () => {
    const second = credentialsOf(await user.call('CreateAccessKey'));
    expect(second.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect((await user.call('ListAccessKeys')).RequestId).toEqual(expect.any(String));
    expect(keyIds(await user.call('ListAccessKeys')).sort()).toEqual(
      [firstKey.accessKeyId, second.accessKeyId].sort(),
    );
    expect(await user.fail('CreateAccessKey')).toMatchObject(
      expectedError(mode, 'LimitExceeded.User.AccessKey', 409),
    );
    await user.call('UpdateAccessKey', { UserAccessKeyId: second.accessKeyId, Status: 'Inactive' });
    const lastUsed = await user.call('GetAccessKeyLastUsed', { UserAccessKeyId: firstKey.accessKeyId });
    expect(prop(lastUsed.AccessKeyLastUsed, 'LastUsedDate')).toEqual(expect.any(String));
    await user.call('DeleteAccessKey', { UserAccessKeyId: second.accessKeyId });
    expect(keyIds(await user.call('ListAccessKeys'))).toEqual([firstKey.accessKeyId]);
  });

  it('may name itself, in any case, as UserName', async () => {
    expect(keyIds(await user.call('ListAccessKeys', { UserName: userName.toUpperCase() }))).toEqual([
      firstKey.accessKeyId,
    ]);
  });

  it("cannot touch another user's keys or the root's keys", async () => {
    expect(await user.fail('ListAccessKeys', { UserName: other })).toMatchObject(
      expectedError(mode, 'NoPermission', 403),
    );
    expect(await user.fail('CreateAccessKey', { UserName: other })).toMatchObject(
      expectedError(mode, 'NoPermission', 403),
    );
    const rootKey = { UserAccessKeyId: server.root.accessKeyId };
    expect(await user.fail('DeleteAccessKey', rootKey)).toMatchObject(
      expectedError(mode, 'EntityNotExist.User.AccessKey', 404),
    );
    expect(await user.fail('UpdateAccessKey', { ...rootKey, Status: 'Inactive' })).toMatchObject(
      expectedError(mode, 'EntityNotExist.User.AccessKey', 404),
    );
    const rootKeys = prop(prop(await root.call('ListAccessKeys'), 'AccessKeys'), 'AccessKey');
    expect(rootKeys).toEqual([
      expect.objectContaining({ AccessKeyId: server.root.accessKeyId, Status: 'Active' }),
    ]);
  });

  it('gains nothing beyond its keys', async () => {
    expect(await user.fail('ListUsers')).toMatchObject(expectedError(mode, 'NoPermission', 403));
    expect(await user.fail('GetUser', { UserName: userName })).toMatchObject(
      expectedError(mode, 'NoPermission', 403),
    );
    expect(await user.fail('SetSecurityPreference', { AllowUserToManageAccessKeys: true })).toMatchObject(
      expectedError(mode, 'NoPermission', 403),
    );
  });
});
