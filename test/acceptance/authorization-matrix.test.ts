/**
 * Acceptance 6: the authorisation rules for every principal kind and every operation, as one table of
 * expectations driven through the official V3 client (tenant isolation: tenant-isolation.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attempt,
  createKey,
  ignoringNotFound,
  keyStatuses,
  lastUsedDate,
  present,
  type RamApi,
} from '../support/acceptance-helpers.js';
import {
  type Actor,
  PRINCIPALS,
  type Principals,
  setAllowUserToManageAccessKeys,
  setUpPrincipals,
  type World,
} from '../support/acceptance-principals.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { type Credentials, Ram } from '../support/ram-clients.js';

/** Allowed, refused with 403 NoPermission, 404 EntityNotExist.User (another tenant), or not applicable. */
const A = 'allowed';
const D = '403 NoPermission';
const X = '404 EntityNotExist.User';
const N = 'n/a';
type Expectation = typeof A | typeof D | typeof X | typeof N;

/** Whose keys an AccessKey operation names: UserName omitted, the caller's own name, or another user. */
type KeyTarget = 'self' | 'ownName' | 'otherUser';

type Case = (actor: Actor, world: World) => Promise<string>;

let seq = 0;
const unique = (prefix: string) => `${prefix}-${++seq}`;
const userNameFor = (actor: Actor, world: World, target: KeyTarget) =>
  target === 'self' ? undefined : target === 'ownName' ? actor.userName : world.victim;
/** Who owns the targeted keys, and the client that can manage them outside the step under test. */
const ownerOf = (actor: Actor, world: World, target: KeyTarget) =>
  target === 'otherUser'
    ? { admin: world.rootA, userName: world.victim, keyId: world.victimKeyId }
    : { admin: actor.accountRoot, userName: actor.userName, keyId: actor.accessKeyId };
const withUser = (userName: string | undefined) => (userName === undefined ? {} : { userName });
const READ_ONLY_POLICY = { policyType: 'System', policyName: 'AliyunRAMReadOnlyAccess' } as const;

const keyCases = (target: KeyTarget): Record<string, Case> => ({
  [`CreateAccessKey ${target}`]: async (actor, world) => {
    const owner = ownerOf(actor, world, target);
    const result = await attempt(() => createKey(actor.client, userNameFor(actor, world, target)));
    if (result.value) await createdKeyCleanup(owner.admin, owner.userName, result.value);
    return result.outcome;
  },
  [`DeleteAccessKey ${target}`]: async (actor, world) => {
    const owner = ownerOf(actor, world, target);
    const spare = await createKey(owner.admin, owner.userName);
    const request = { userAccessKeyId: spare.accessKeyId, ...withUser(userNameFor(actor, world, target)) };
    const result = await attempt(() => actor.client.deleteAccessKey(new Ram.DeleteAccessKeyRequest(request)));
    const remaining = await keyStatuses(owner.admin, owner.userName);
    expect(spare.accessKeyId in remaining).toBe(result.outcome !== A);
    await createdKeyCleanup(owner.admin, owner.userName, spare);
    return result.outcome;
  },
  [`UpdateAccessKey ${target}`]: async (actor, world) => {
    const owner = ownerOf(actor, world, target);
    const spare = await createKey(owner.admin, owner.userName);
    const request = {
      userAccessKeyId: spare.accessKeyId,
      status: 'Inactive',
      ...withUser(userNameFor(actor, world, target)),
    };
    const result = await attempt(() => actor.client.updateAccessKey(new Ram.UpdateAccessKeyRequest(request)));
    const statuses = await keyStatuses(owner.admin, owner.userName);
    expect(statuses[spare.accessKeyId]).toBe(result.outcome === A ? 'Inactive' : 'Active');
    await createdKeyCleanup(owner.admin, owner.userName, spare);
    return result.outcome;
  },
  [`ListAccessKeys ${target}`]: async (actor, world) => {
    const result = await attempt(() => keyStatuses(actor.client, userNameFor(actor, world, target)));
    if (result.value) expect(Object.keys(result.value)).toContain(ownerOf(actor, world, target).keyId);
    return result.outcome;
  },
  [`GetAccessKeyLastUsed ${target}`]: async (actor, world) => {
    const { keyId } = ownerOf(actor, world, target);
    const result = await attempt(() => lastUsedDate(actor.client, keyId, userNameFor(actor, world, target)));
    // The caller's own key signed this very request, so its use is visible at once.
    if (result.outcome === A && target !== 'otherUser') expect(result.value).toMatch(/Z$/);
    return result.outcome;
  },
});

async function createdKeyCleanup(admin: RamApi, userName: string | undefined, key: Credentials) {
  await ignoringNotFound(() =>
    admin.deleteAccessKey(
      new Ram.DeleteAccessKeyRequest({ userAccessKeyId: key.accessKeyId, ...withUser(userName) }),
    ),
  );
}

const CASES: Record<string, Case> = {
  ...keyCases('self'),
  ...keyCases('ownName'),
  ...keyCases('otherUser'),
  CreateUser: async (actor) => {
    const userName = unique('created');
    const result = await attempt(() => actor.client.createUser(new Ram.CreateUserRequest({ userName })));
    if (result.outcome === A) await actor.accountRoot.deleteUser(new Ram.DeleteUserRequest({ userName }));
    return result.outcome;
  },
  GetUser: async (actor, { victim }) =>
    (await attempt(() => actor.client.getUser(new Ram.GetUserRequest({ userName: victim })))).outcome,
  UpdateUser: async (actor, { victim }) => {
    const request = new Ram.UpdateUserRequest({ userName: victim, newDisplayName: unique('shown') });
    return (await attempt(() => actor.client.updateUser(request))).outcome;
  },
  ListUsers: async (actor) =>
    (await attempt(() => actor.client.listUsers(new Ram.ListUsersRequest({})))).outcome,
  DeleteUser: async (actor, { rootA }) => {
    const userName = unique('doomed');
    await rootA.createUser(new Ram.CreateUserRequest({ userName }));
    const result = await attempt(() => actor.client.deleteUser(new Ram.DeleteUserRequest({ userName })));
    await ignoringNotFound(() => rootA.deleteUser(new Ram.DeleteUserRequest({ userName })));
    return result.outcome;
  },
  AttachPolicyToUser: async (actor, { rootA, victim }) => {
    const request = new Ram.AttachPolicyToUserRequest({ ...READ_ONLY_POLICY, userName: victim });
    const result = await attempt(() => actor.client.attachPolicyToUser(request));
    await ignoringNotFound(() => rootA.detachPolicyFromUser(new Ram.DetachPolicyFromUserRequest(request)));
    return result.outcome;
  },
  DetachPolicyFromUser: async (actor, { rootA, victim }) => {
    await rootA.attachPolicyToUser(
      new Ram.AttachPolicyToUserRequest({ ...READ_ONLY_POLICY, userName: victim }),
    );
    const request = new Ram.DetachPolicyFromUserRequest({ ...READ_ONLY_POLICY, userName: victim });
    const result = await attempt(() => actor.client.detachPolicyFromUser(request));
    await ignoringNotFound(() => rootA.detachPolicyFromUser(request));
    return result.outcome;
  },
  ListPoliciesForUser: async (actor, { victim }) => {
    const request = new Ram.ListPoliciesForUserRequest({ userName: victim });
    return (await attempt(() => actor.client.listPoliciesForUser(request))).outcome;
  },
  GetSecurityPreference: async (actor) => (await attempt(() => actor.client.getSecurityPreference())).outcome,
  SetSecurityPreference: async (actor) => {
    // Sets the value the scenario already has, so the case changes nothing when allowed.
    const request = new Ram.SetSecurityPreferenceRequest({
      allowUserToManageAccessKeys: actor.name === 'plainAllowed',
    });
    return (await attempt(() => actor.client.setSecurityPreference(request))).outcome;
  },
};

/** The rules of issue 2, one row per case, columns in PRINCIPALS order. */
// biome-ignore format: the table is easier to review aligned
const EXPECTATIONS: Record<string, readonly Expectation[]> = {
  //                                 root admin full ro plain- plain+ otherRoot
  'CreateAccessKey self':           [A, A, A, D, D, A, A],
  'DeleteAccessKey self':           [A, A, A, D, D, A, A],
  'UpdateAccessKey self':           [A, A, A, D, D, A, A],
  'ListAccessKeys self':            [A, A, A, A, D, A, A],
  'GetAccessKeyLastUsed self':      [A, A, A, A, D, A, A],
  'CreateAccessKey ownName':        [N, A, A, D, D, A, N],
  'DeleteAccessKey ownName':        [N, A, A, D, D, A, N],
  'UpdateAccessKey ownName':        [N, A, A, D, D, A, N],
  'ListAccessKeys ownName':         [N, A, A, A, D, A, N],
  'GetAccessKeyLastUsed ownName':   [N, A, A, A, D, A, N],
  'CreateAccessKey otherUser':      [A, A, A, D, D, D, X],
  'DeleteAccessKey otherUser':      [A, A, A, D, D, D, X],
  'UpdateAccessKey otherUser':      [A, A, A, D, D, D, X],
  'ListAccessKeys otherUser':       [A, A, A, A, D, D, X],
  'GetAccessKeyLastUsed otherUser': [A, A, A, A, D, D, X],
  CreateUser:                       [A, A, A, D, D, D, A],
  GetUser:                          [A, A, A, A, D, D, X],
  UpdateUser:                       [A, A, A, D, D, D, X],
  ListUsers:                        [A, A, A, A, D, D, A],
  DeleteUser:                       [A, A, A, D, D, D, X],
  AttachPolicyToUser:               [A, A, A, D, D, D, X],
  DetachPolicyFromUser:             [A, A, A, D, D, D, X],
  ListPoliciesForUser:              [A, A, A, A, D, D, X],
  GetSecurityPreference:            [A, A, A, A, D, D, A],
  SetSecurityPreference:            [A, A, A, D, D, D, A],
};

describe('authorisation matrix (issue 2, acceptance 6)', () => {
  let server: TestServer;
  let principals: Principals;

  beforeAll(async () => {
    server = await startTestServer();
    principals = await setUpPrincipals(server);
  });

  afterAll(async () => {
    await server.destroy();
  });

  for (const [caseName, row] of Object.entries(EXPECTATIONS)) {
    PRINCIPALS.forEach((principal, column) => {
      const expected = row[column];
      if (expected === undefined || expected === N) return;
      it(`${caseName} by ${principal}: ${expected}`, async () => {
        const run = present(CASES[caseName], caseName);
        const { world } = principals;
        await setAllowUserToManageAccessKeys(world.rootA, principal === 'plainAllowed');
        expect(await run(principals.actor(principal), world)).toBe(expected);
      });
    });
  }

  it('has one implementation per expectation row and a column per principal', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(EXPECTATIONS).sort());
    for (const row of Object.values(EXPECTATIONS)) expect(row).toHaveLength(PRINCIPALS.length);
  });
});
