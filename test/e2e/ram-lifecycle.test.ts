// The full RAM user/AccessKey/policy lifecycle, driven through each official client mode in turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import {
  CLIENT_MODES,
  type ClientMode,
  expectedError,
  makeCaller,
  prop,
  type RamBody,
  type RamCaller,
} from '../support/e2e-ram-callers.js';

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const DISPLAY_NAME = "Alice Smith (dev)*!'~ 张三 ✓";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.destroy();
});

/** `body[plural][singular]`, which must be a JSON array (the SDK models require one). */
function items(body: RamBody, plural: string, singular: string): unknown[] {
  const list = prop(prop(body, plural), singular);
  expect(Array.isArray(list), `${plural}.${singular} is an array`).toBe(true);
  return Array.isArray(list) ? list : [];
}

function slugOf(mode: ClientMode): string {
  return mode.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
}

describe.each(CLIENT_MODES)('lifecycle through %s', (mode) => {
  const slug = slugOf(mode);
  let root: RamCaller;
  beforeAll(() => {
    root = makeCaller(mode, server, server.root);
  });

  it('creates, reads, renames and deletes a user', async () => {
    const userName = `lc-${slug}-alice`;
    const created = await root.call('CreateUser', {
      UserName: userName,
      DisplayName: DISPLAY_NAME,
      MobilePhone: '86-18600008888',
      Email: 'alice@example.com',
      Comments: `created by ${mode}`,
    });
    expect(created.RequestId).toMatch(REQUEST_ID);
    expect(created.User).toMatchObject({
      UserName: userName,
      DisplayName: DISPLAY_NAME,
      MobilePhone: '86-18600008888',
      Email: 'alice@example.com',
      Comments: `created by ${mode}`,
    });
    const userId = prop(created.User, 'UserId');
    expect(userId).toEqual(expect.stringMatching(/^\d+$/));
    expect(prop(created.User, 'CreateDate')).toMatch(ISO_SECONDS);

    const got = await root.call('GetUser', { UserName: userName });
    expect(got.RequestId).toMatch(REQUEST_ID);
    expect(got.User).toMatchObject({ UserId: userId, UserName: userName, DisplayName: DISPLAY_NAME });
    expect(prop(got.User, 'UpdateDate')).toMatch(ISO_SECONDS);

    const newName = `lc-${slug}-alice2`;
    const updated = await root.call('UpdateUser', {
      UserName: userName,
      NewUserName: newName,
      NewDisplayName: `${DISPLAY_NAME} v2`,
      NewMobilePhone: '1-5550100',
      NewEmail: 'alice2@example.com',
      NewComments: 'renamed',
    });
    expect(updated.User).toMatchObject({
      UserId: userId,
      UserName: newName,
      DisplayName: `${DISPLAY_NAME} v2`,
      MobilePhone: '1-5550100',
      Email: 'alice2@example.com',
      Comments: 'renamed',
    });
    expect(prop(updated.User, 'UpdateDate')).toMatch(ISO_SECONDS);

    expect(await root.fail('GetUser', { UserName: userName })).toMatchObject(
      expectedError(mode, 'EntityNotExist.User', 404),
    );
    const renamed = await root.call('GetUser', { UserName: newName });
    expect(renamed.User).toMatchObject({ UserId: userId, UserName: newName, Comments: 'renamed' });

    const deleted = await root.call('DeleteUser', { UserName: newName });
    expect(deleted.RequestId).toMatch(REQUEST_ID);
    expect(await root.fail('GetUser', { UserName: newName })).toMatchObject(
      expectedError(mode, 'EntityNotExist.User', 404),
    );
  });

  it('pages ListUsers with MaxItems and Marker without duplicates or omissions', async () => {
    const names = [0, 1, 2, 3, 4].map((i) => `lc-${slug}-page-${i}`);
    for (const name of names) await root.call('CreateUser', { UserName: name });

    const everyone = items(await root.call('ListUsers', { MaxItems: 1000 }), 'Users', 'User').map((u) =>
      prop(u, 'UserName'),
    );
    const seen: unknown[] = [];
    let marker: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await root.call(
        'ListUsers',
        marker === undefined ? { MaxItems: 2 } : { MaxItems: 2, Marker: marker },
      );
      pages++;
      expect(page.RequestId).toMatch(REQUEST_ID);
      const users = items(page, 'Users', 'User');
      expect(users.length).toBeLessThanOrEqual(2);
      for (const user of users) {
        expect(prop(user, 'UserId')).toEqual(expect.any(String));
        expect(prop(user, 'CreateDate')).toMatch(ISO_SECONDS);
        seen.push(prop(user, 'UserName'));
      }
      if (page.IsTruncated === false) {
        expect(page).not.toHaveProperty('Marker');
        break;
      }
      expect(page.IsTruncated).toBe(true);
      expect(page.Marker).toEqual(expect.stringMatching(/.+/));
      marker = String(page.Marker);
      expect(pages).toBeLessThan(50);
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(everyone);
    expect(seen).toEqual(expect.arrayContaining(names));

    for (const name of names) await root.call('DeleteUser', { UserName: name });
  });

  it("manages a user's AccessKey: create, list, disable, enable, last use, delete", async () => {
    const userName = `lc-${slug}-keys`;
    await root.call('CreateUser', { UserName: userName });
    // Read-only access lets the new key prove it authenticates (ListUsers) without being able to write.
    const policy = { UserName: userName, PolicyType: 'System', PolicyName: 'AliyunRAMReadOnlyAccess' };
    await root.call('AttachPolicyToUser', policy);

    const created = await root.call('CreateAccessKey', { UserName: userName });
    expect(created.RequestId).toMatch(REQUEST_ID);
    const key = created.AccessKey;
    expect(key).toMatchObject({ Status: 'Active' });
    const accessKeyId = String(prop(key, 'AccessKeyId'));
    const accessKeySecret = String(prop(key, 'AccessKeySecret'));
    expect(accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect(accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(prop(key, 'CreateDate')).toMatch(ISO_SECONDS);

    const listed = items(
      await root.call('ListAccessKeys', { UserName: userName }),
      'AccessKeys',
      'AccessKey',
    );
    expect(listed).toEqual([
      { AccessKeyId: accessKeyId, Status: 'Active', CreateDate: prop(key, 'CreateDate') },
    ]);

    const target = { UserName: userName, UserAccessKeyId: accessKeyId };
    const neverUsed = await root.call('GetAccessKeyLastUsed', target);
    expect(neverUsed.RequestId).toMatch(REQUEST_ID);
    expect(neverUsed.AccessKeyLastUsed).toEqual({});

    const asUser = makeCaller(mode, server, { accessKeyId, accessKeySecret });
    items(await asUser.call('ListUsers'), 'Users', 'User');
    const used = await root.call('GetAccessKeyLastUsed', target);
    expect(prop(used.AccessKeyLastUsed, 'LastUsedDate')).toMatch(ISO_SECONDS);

    expect((await root.call('UpdateAccessKey', { ...target, Status: 'Inactive' })).RequestId).toMatch(
      REQUEST_ID,
    );
    expect(
      items(await root.call('ListAccessKeys', { UserName: userName }), 'AccessKeys', 'AccessKey'),
    ).toEqual([expect.objectContaining({ AccessKeyId: accessKeyId, Status: 'Inactive' })]);
    expect(await asUser.fail('ListUsers')).toMatchObject(
      expectedError(mode, 'InvalidAccessKeyId.Inactive', 400),
    );

    await root.call('UpdateAccessKey', { ...target, Status: 'Active' });
    items(await asUser.call('ListUsers'), 'Users', 'User');

    expect((await root.call('DeleteAccessKey', target)).RequestId).toMatch(REQUEST_ID);
    expect(
      items(await root.call('ListAccessKeys', { UserName: userName }), 'AccessKeys', 'AccessKey'),
    ).toEqual([]);
    expect(await asUser.fail('ListUsers')).toMatchObject(
      expectedError(mode, 'InvalidAccessKeyId.NotFound', 404),
    );

    await root.call('DetachPolicyFromUser', policy);
    await root.call('DeleteUser', { UserName: userName });
  });

  it('manages keys of the root itself when UserName is omitted', async () => {
    const created = await root.call('CreateAccessKey');
    const accessKeyId = String(prop(created.AccessKey, 'AccessKeyId'));
    const accessKeySecret = String(prop(created.AccessKey, 'AccessKeySecret'));
    expect(accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    const ids = () =>
      root
        .call('ListAccessKeys')
        .then((b) => items(b, 'AccessKeys', 'AccessKey').map((k) => prop(k, 'AccessKeyId')));
    expect(await ids()).toEqual(expect.arrayContaining([server.root.accessKeyId, accessKeyId]));

    const asRoot = makeCaller(mode, server, { accessKeyId, accessKeySecret });
    expect(await asRoot.call('GetSecurityPreference')).toHaveProperty('SecurityPreference');
    const lastUsed = await root.call('GetAccessKeyLastUsed', { UserAccessKeyId: accessKeyId });
    expect(prop(lastUsed.AccessKeyLastUsed, 'LastUsedDate')).toMatch(ISO_SECONDS);

    await root.call('UpdateAccessKey', { UserAccessKeyId: accessKeyId, Status: 'Inactive' });
    expect(await asRoot.fail('ListUsers')).toMatchObject(
      expectedError(mode, 'InvalidAccessKeyId.Inactive', 400),
    );
    await root.call('UpdateAccessKey', { UserAccessKeyId: accessKeyId, Status: 'Active' });
    items(await asRoot.call('ListUsers'), 'Users', 'User');

    await root.call('DeleteAccessKey', { UserAccessKeyId: accessKeyId });
    expect(await ids()).toEqual([server.root.accessKeyId]);
  });

  it('attaches, lists and detaches system policies', async () => {
    const userName = `lc-${slug}-policies`;
    await root.call('CreateUser', { UserName: userName });
    const names = ['AliyunRAMReadOnlyAccess', 'AdministratorAccess'];
    for (const PolicyName of names) {
      const attached = await root.call('AttachPolicyToUser', {
        UserName: userName,
        PolicyType: 'System',
        PolicyName,
      });
      expect(attached.RequestId).toMatch(REQUEST_ID);
    }
    const listed = await root.call('ListPoliciesForUser', { UserName: userName });
    expect(listed.RequestId).toMatch(REQUEST_ID);
    const policies = items(listed, 'Policies', 'Policy');
    expect(policies.map((p) => prop(p, 'PolicyName')).sort()).toEqual([...names].sort());
    for (const policy of policies) {
      expect(policy).toMatchObject({
        PolicyType: 'System',
        Description: expect.stringMatching(/.+/),
        DefaultVersion: expect.stringMatching(/.+/),
      });
      expect(prop(policy, 'AttachDate')).toMatch(ISO_SECONDS);
    }

    for (const PolicyName of names) {
      await root.call('DetachPolicyFromUser', { UserName: userName, PolicyType: 'System', PolicyName });
    }
    expect(
      items(await root.call('ListPoliciesForUser', { UserName: userName }), 'Policies', 'Policy'),
    ).toEqual([]);
    await root.call('DeleteUser', { UserName: userName });
  });

  it('reads and sets AllowUserToManageAccessKeys, which governs self-service keys', async () => {
    const allow = (body: RamBody) =>
      prop(prop(body.SecurityPreference, 'AccessKeyPreference'), 'AllowUserToManageAccessKeys');
    const initial = await root.call('GetSecurityPreference');
    expect(initial.RequestId).toMatch(REQUEST_ID);
    expect(allow(initial)).toBe(false);

    const userName = `lc-${slug}-self`;
    await root.call('CreateUser', { UserName: userName });
    const key = (await root.call('CreateAccessKey', { UserName: userName })).AccessKey;
    const asUser = makeCaller(mode, server, {
      accessKeyId: String(prop(key, 'AccessKeyId')),
      accessKeySecret: String(prop(key, 'AccessKeySecret')),
    });
    expect(await asUser.fail('ListAccessKeys')).toMatchObject(expectedError(mode, 'NoPermission', 403));

    expect(
      (await root.call('SetSecurityPreference', { AllowUserToManageAccessKeys: true })).RequestId,
    ).toMatch(REQUEST_ID);
    expect(allow(await root.call('GetSecurityPreference'))).toBe(true);
    const own = items(await asUser.call('ListAccessKeys'), 'AccessKeys', 'AccessKey');
    expect(own.map((k) => prop(k, 'AccessKeyId'))).toEqual([prop(key, 'AccessKeyId')]);

    await root.call('SetSecurityPreference', { AllowUserToManageAccessKeys: false });
    expect(allow(await root.call('GetSecurityPreference'))).toBe(false);
    expect(await asUser.fail('ListAccessKeys')).toMatchObject(expectedError(mode, 'NoPermission', 403));

    await root.call('DeleteAccessKey', {
      UserName: userName,
      UserAccessKeyId: String(prop(key, 'AccessKeyId')),
    });
    await root.call('DeleteUser', { UserName: userName });
  });
});
