/**
 * Tenant and self-service isolation: another account's root never sees or changes account A's users,
 * keys or preferences, and a self-service user cannot reach another user's key by its id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempt, keyStatuses, lastUsedDate, type RamApi } from '../support/acceptance-helpers.js';
import {
  type Principals,
  setAllowUserToManageAccessKeys,
  setUpPrincipals,
} from '../support/acceptance-principals.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { Ram } from '../support/ram-clients.js';

/** The AccessKey operations that take a key id, aimed at `accessKeyId` with UserName omitted. */
const keyIdCalls = (client: RamApi, accessKeyId: string): Array<[string, () => Promise<unknown>]> => [
  [
    'DeleteAccessKey',
    () => client.deleteAccessKey(new Ram.DeleteAccessKeyRequest({ userAccessKeyId: accessKeyId })),
  ],
  [
    'UpdateAccessKey',
    () =>
      client.updateAccessKey(
        new Ram.UpdateAccessKeyRequest({ userAccessKeyId: accessKeyId, status: 'Inactive' }),
      ),
  ],
  ['GetAccessKeyLastUsed', () => lastUsedDate(client, accessKeyId)],
];

const preferenceOf = async (client: RamApi) =>
  (await client.getSecurityPreference()).body?.securityPreference?.accessKeyPreference
    ?.allowUserToManageAccessKeys;

describe('tenant isolation (issue 2, acceptance 6)', () => {
  let server: TestServer;
  let principals: Principals;

  beforeAll(async () => {
    server = await startTestServer();
    principals = await setUpPrincipals(server);
  });

  afterAll(async () => {
    await server.destroy();
  });

  it("another account's root sees only its own users and keys, even under the same user name", async () => {
    const { rootA } = principals.world;
    const other = principals.actor('otherRoot').client;
    const mine = await rootA.getUser(new Ram.GetUserRequest({ userName: 'victim' }));
    const created = await other.createUser(new Ram.CreateUserRequest({ userName: 'victim' }));
    expect(created.body?.user?.userId).not.toBe(mine.body?.user?.userId);

    const listed = await other.listUsers(new Ram.ListUsersRequest({}));
    expect((listed.body?.users?.user ?? []).map((u) => u.userName)).toEqual(['victim']);
    expect(await keyStatuses(other)).toEqual({ [principals.otherRootKey.accessKeyId]: 'Active' });
    expect(await keyStatuses(other, 'victim')).toEqual({});

    await other.deleteUser(new Ram.DeleteUserRequest({ userName: 'victim' }));
    const after = await rootA.getUser(new Ram.GetUserRequest({ userName: 'victim' }));
    expect(after.body?.user?.userId).toBe(mine.body?.user?.userId);
    expect(await keyStatuses(rootA, 'victim')).toEqual({ [principals.world.victimKeyId]: 'Active' });
  });

  it("account A's users are not in another account's lists, nor A's keys in its key lists", async () => {
    const other = principals.actor('otherRoot').client;
    const listed = await other.listUsers(new Ram.ListUsersRequest({}));
    expect(listed.body?.users?.user ?? []).toEqual([]);
    const ids = Object.keys(await keyStatuses(other));
    expect(ids).not.toContain(server.root.accessKeyId);
    expect(ids).not.toContain(principals.world.victimKeyId);
  });

  it("another account's root cannot reach account A's keys by id", async () => {
    const other = principals.actor('otherRoot').client;
    for (const accessKeyId of [server.root.accessKeyId, principals.world.victimKeyId]) {
      for (const [action, call] of keyIdCalls(other, accessKeyId)) {
        expect(`${action} ${(await attempt(call)).outcome}`).toBe(
          `${action} 404 EntityNotExist.User.AccessKey`,
        );
      }
    }
    expect(await keyStatuses(principals.world.rootA)).toEqual({ [server.root.accessKeyId]: 'Active' });
    expect(await keyStatuses(principals.world.rootA, 'victim')).toEqual({
      [principals.world.victimKeyId]: 'Active',
    });
  });

  it("a self-service user cannot reach another user's or the root's key by id with UserName omitted", async () => {
    const { world } = principals;
    await setAllowUserToManageAccessKeys(world.rootA, true);
    const plain = principals.actor('plainAllowed').client;
    for (const accessKeyId of [world.victimKeyId, server.root.accessKeyId]) {
      for (const [action, call] of keyIdCalls(plain, accessKeyId)) {
        expect(`${action} ${(await attempt(call)).outcome}`).toBe(
          `${action} 404 EntityNotExist.User.AccessKey`,
        );
      }
    }
    expect(await keyStatuses(world.rootA, world.victim)).toEqual({ [world.victimKeyId]: 'Active' });
    expect(await keyStatuses(world.rootA)).toEqual({ [server.root.accessKeyId]: 'Active' });
  });

  it("another account's SetSecurityPreference leaves account A's preference alone", async () => {
    const { rootA } = principals.world;
    const other = principals.actor('otherRoot').client;
    await setAllowUserToManageAccessKeys(rootA, false);
    await other.setSecurityPreference(
      new Ram.SetSecurityPreferenceRequest({ allowUserToManageAccessKeys: true }),
    );
    expect(await preferenceOf(rootA)).toBe(false);
    expect(await preferenceOf(other)).toBe(true);
    // …and account A's plain user stays refused, since A's preference is still off.
    const plain = principals.actor('plainDenied').client;
    expect((await attempt(() => keyStatuses(plain))).outcome).toBe('403 NoPermission');
  });
});
