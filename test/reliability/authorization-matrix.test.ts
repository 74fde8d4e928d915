/**
 * The authorisation matrix: every operation of both wires (RAM over ACS3-HMAC-SHA256, IAM/STS over SigV4)
 * × every principal kind, against ONE table of expectations. Each case is written once, wire-neutrally;
 * its parameters are named by each wire's own bindings. A final test fails when any wire serves an
 * operation that has no row here (or a row names an operation no wire serves).
 * (Issue 2 acceptance 6, extended to IAM by issue 7; tenant isolation: test/acceptance/tenant-isolation.)
 */

import { createWriteStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonLogger } from '../../src/logging/json-logger.js';
import { toAwsName } from '../../src/protocol/aws-query/aws-query-names.js';
import { IAM_API, STS_API } from '../../src/protocol/aws-query/iam-bindings.js';
import { RAM_BINDINGS } from '../../src/protocol/ram-rpc/ram-bindings.js';
import { toRamParameter } from '../../src/protocol/ram-rpc/ram-names.js';
import { createOtherAccount, PRINCIPALS, type PrincipalName } from '../support/acceptance-principals.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import type { Credentials } from '../support/ram-clients.js';
import { dataDirPath, logPath, recordErrorBodies, recordSecrets } from './support/evidence.js';
import {
  type CallResult,
  callWire,
  createdKeyOf,
  listedKeyIdsOf,
  type Wire,
} from './support/signed-calls.js';

/** Allowed, refused as not permitted, refused as another tenant's user (not found), or not applicable. */
const A = 'allowed';
const D = 'denied';
const X = 'notFound';
const N = 'n/a';
type Expectation = typeof A | typeof D | typeof X | typeof N;

/** How each wire words the two refusals. */
const REFUSALS: Readonly<Record<Wire, Readonly<Record<typeof D | typeof X, string>>>> = {
  ram: { denied: '403 NoPermission', notFound: '404 EntityNotExist.User' },
  iam: { denied: '403 AccessDenied', notFound: '404 NoSuchEntity' },
};

/** The rules of issue 2, one row per operation (per target for AccessKey operations), columns in PRINCIPALS order. */
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
  'ListAccessKeyUsage self':        [A, A, A, A, D, A, A],
  'ListAccessKeyUsage ownName':     [N, A, A, A, D, A, N],
  'ListAccessKeyUsage otherUser':   [A, A, A, A, D, D, X],
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
  GetAccountSummary:                [A, A, A, A, D, D, A],
  GetCallerIdentity:                [A, A, A, A, A, A, A],
  // Issue 6: the audit log is a read of the account; verification needs the root or AkmVerifyAccess.
  LookupEvents:                     [A, A, A, A, D, D, A],
  VerifyRequestSignature:           [A, D, D, D, D, D, A],
};

/** One principal: its key, and its user name (undefined for a root). */
interface Actor {
  readonly name: PrincipalName;
  readonly key: Credentials;
  readonly userName: string | undefined;
  /** The root of the actor's own account. */
  readonly root: Credentials;
}

/** What the cases share: the server, account A's root and the user targeted as "another user". */
interface World {
  readonly server: TestServer;
  readonly rootA: Credentials;
  readonly victim: string;
  readonly victimKeyId: string;
}

/** A case calls `operation` as `actor` on `wire` with neutral inputs (after its own setup). */
type Case = (wire: Wire, actor: Actor, world: World) => Promise<CallResult>;

/** Calls an operation by its neutral inputs, named as `wire` names them. */
function call(
  wire: Wire,
  world: World,
  key: Credentials,
  action: string,
  input: Readonly<Record<string, string | undefined>> = {},
): Promise<CallResult> {
  const params: Record<string, string> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value !== undefined) params[wire === 'ram' ? toRamParameter(field) : toAwsName(field)] = value;
  }
  return callWire(wire, world.server, key, action, params).then((result) => {
    if (result.status >= 400) recordErrorBodies([result.body]);
    return result;
  });
}

/** Set-up and clean-up go through RAM with the owning root, whatever wire is under test. */
async function asRoot(
  world: World,
  root: Credentials,
  action: string,
  input: Record<string, string | undefined>,
) {
  const result = await call('ram', world, root, action, input);
  if (result.status !== 200) throw new Error(`${action} failed: ${result.body}`);
  return result;
}

async function spareKey(world: World, root: Credentials, userName: string | undefined): Promise<string> {
  const key = createdKeyOf(await asRoot(world, root, 'CreateAccessKey', { userName }));
  recordSecrets([key.accessKeySecret]);
  return key.accessKeyId;
}

async function dropKeyIfPresent(
  world: World,
  root: Credentials,
  userName: string | undefined,
  keyId: string,
) {
  const listed = listedKeyIdsOf(await asRoot(world, root, 'ListAccessKeys', { userName }));
  if (listed.includes(keyId)) await asRoot(world, root, 'DeleteAccessKey', { userName, accessKeyId: keyId });
  return listed.includes(keyId);
}

type KeyTarget = 'self' | 'ownName' | 'otherUser';

/** The user named in the request, and the owner of the keys it addresses (with the root that manages it). */
function targetOf(actor: Actor, world: World, target: KeyTarget) {
  const named = target === 'self' ? undefined : target === 'ownName' ? actor.userName : world.victim;
  return target === 'otherUser'
    ? { named, ownerName: world.victim, ownerRoot: world.rootA, keyId: world.victimKeyId }
    : { named, ownerName: actor.userName, ownerRoot: actor.root, keyId: actor.key.accessKeyId };
}

let seq = 0;
const unique = (prefix: string) => `${prefix}-${++seq}`;
const POLICY = { policyType: 'System', policyName: 'AliyunRAMReadOnlyAccess' } as const;

const keyCases = (target: KeyTarget): Record<string, Case> => ({
  [`CreateAccessKey ${target}`]: async (wire, actor, world) => {
    const t = targetOf(actor, world, target);
    const result = await call(wire, world, actor.key, 'CreateAccessKey', { userName: t.named });
    if (result.status === 200) {
      const id = /<AccessKeyId>([^<]+)</.exec(result.body)?.[1] ?? createdKeyOf(result).accessKeyId;
      recordSecrets([
        /<SecretAccessKey>([^<]+)</.exec(result.body)?.[1] ?? createdKeyOf(result).accessKeySecret,
      ]);
      expect(await dropKeyIfPresent(world, t.ownerRoot, t.ownerName, id)).toBe(true);
    }
    return result;
  },
  [`DeleteAccessKey ${target}`]: async (wire, actor, world) => {
    const t = targetOf(actor, world, target);
    const spare = await spareKey(world, t.ownerRoot, t.ownerName);
    const result = await call(wire, world, actor.key, 'DeleteAccessKey', {
      userName: t.named,
      accessKeyId: spare,
    });
    expect(await dropKeyIfPresent(world, t.ownerRoot, t.ownerName, spare)).toBe(result.status !== 200);
    return result;
  },
  [`UpdateAccessKey ${target}`]: async (wire, actor, world) => {
    const t = targetOf(actor, world, target);
    const spare = await spareKey(world, t.ownerRoot, t.ownerName);
    const input = { userName: t.named, accessKeyId: spare, status: 'Inactive' };
    const result = await call(wire, world, actor.key, 'UpdateAccessKey', input);
    await dropKeyIfPresent(world, t.ownerRoot, t.ownerName, spare);
    return result;
  },
  [`ListAccessKeys ${target}`]: async (wire, actor, world) => {
    const t = targetOf(actor, world, target);
    const result = await call(wire, world, actor.key, 'ListAccessKeys', { userName: t.named });
    if (result.status === 200) expect(result.body).toContain(t.keyId);
    return result;
  },
  [`GetAccessKeyLastUsed ${target}`]: async (wire, actor, world) => {
    const t = targetOf(actor, world, target);
    // IAM names no user: the key's owner is looked up, so "ownName" and "self" are the same request there.
    const input = wire === 'ram' ? { userName: t.named, accessKeyId: t.keyId } : { accessKeyId: t.keyId };
    return call(wire, world, actor.key, 'GetAccessKeyLastUsed', input);
  },
  [`ListAccessKeyUsage ${target}`]: (wire, actor, world) => {
    const t = targetOf(actor, world, target);
    return call(wire, world, actor.key, 'ListAccessKeyUsage', { userName: t.named, accessKeyId: t.keyId });
  },
});

/** An unsigned request to verify: the verification refuses it, but the call itself is what is authorised. */
const UNSIGNED = JSON.stringify({
  method: 'GET',
  host: 'matrix.internal',
  path: '/',
  bodySha256: '0'.repeat(64),
});

const CASES: Record<string, Case> = {
  ...keyCases('self'),
  ...keyCases('ownName'),
  ...keyCases('otherUser'),
  CreateUser: async (wire, actor, world) => {
    const userName = unique('created');
    const result = await call(wire, world, actor.key, 'CreateUser', { userName });
    if (result.status === 200) await asRoot(world, actor.root, 'DeleteUser', { userName });
    return result;
  },
  GetUser: (wire, actor, world) => call(wire, world, actor.key, 'GetUser', { userName: world.victim }),
  UpdateUser: (wire, actor, world) => {
    // Renames the victim to itself on IAM (its only updatable fields are name and path), a display name on RAM.
    const input =
      wire === 'ram'
        ? { userName: world.victim, newDisplayName: unique('shown') }
        : { userName: world.victim, newPath: '/' };
    return call(wire, world, actor.key, 'UpdateUser', input);
  },
  ListUsers: (wire, actor, world) => call(wire, world, actor.key, 'ListUsers'),
  DeleteUser: async (wire, actor, world) => {
    const userName = unique('doomed');
    await asRoot(world, world.rootA, 'CreateUser', { userName });
    const result = await call(wire, world, actor.key, 'DeleteUser', { userName });
    if (result.status !== 200) await asRoot(world, world.rootA, 'DeleteUser', { userName });
    return result;
  },
  AttachPolicyToUser: async (wire, actor, world) => {
    const result = await call(wire, world, actor.key, 'AttachPolicyToUser', {
      ...POLICY,
      userName: world.victim,
    });
    if (result.status === 200)
      await asRoot(world, world.rootA, 'DetachPolicyFromUser', { ...POLICY, userName: world.victim });
    return result;
  },
  DetachPolicyFromUser: async (wire, actor, world) => {
    await asRoot(world, world.rootA, 'AttachPolicyToUser', { ...POLICY, userName: world.victim });
    const result = await call(wire, world, actor.key, 'DetachPolicyFromUser', {
      ...POLICY,
      userName: world.victim,
    });
    if (result.status !== 200)
      await asRoot(world, world.rootA, 'DetachPolicyFromUser', { ...POLICY, userName: world.victim });
    return result;
  },
  ListPoliciesForUser: (wire, actor, world) =>
    call(wire, world, actor.key, 'ListPoliciesForUser', { userName: world.victim }),
  GetSecurityPreference: (wire, actor, world) => call(wire, world, actor.key, 'GetSecurityPreference'),
  SetSecurityPreference: (wire, actor, world) =>
    // Sets the value the scenario already has, so the case changes nothing when allowed.
    call(wire, world, actor.key, 'SetSecurityPreference', {
      allowUserToManageAccessKeys: String(actor.name === 'plainAllowed'),
    }),
  GetAccountSummary: (wire, actor, world) => call(wire, world, actor.key, 'GetAccountSummary'),
  GetCallerIdentity: (wire, actor, world) => call(wire, world, actor.key, 'GetCallerIdentity'),
  LookupEvents: (wire, actor, world) => call(wire, world, actor.key, 'LookupEvents', { maxItems: '5' }),
  VerifyRequestSignature: (wire, actor, world) =>
    call(wire, world, actor.key, 'VerifyRequestSignature', { request: UNSIGNED, service: 'matrix' }),
};

/** The operations each wire serves, by action name. */
const SERVED: Readonly<Record<Wire, ReadonlySet<string>>> = {
  ram: new Set(RAM_BINDINGS.keys()),
  iam: new Set([...IAM_API.bindings.keys(), ...STS_API.bindings.keys()]),
};
const operationOf = (row: string) => row.split(' ')[0] ?? row;

/** Creates every principal kind; returns them with the world they act in. */
async function setUp(server: TestServer): Promise<{ actors: Map<PrincipalName, Actor>; world: World }> {
  const rootA = server.root;
  const otherRoot = await createOtherAccount(server);
  recordSecrets([otherRoot.accessKeySecret]);
  const setup: World = { server, rootA, victim: 'victim', victimKeyId: '' };
  const userWithKey = async (userName: string, policies: readonly string[]) => {
    await asRoot(setup, rootA, 'CreateUser', { userName });
    for (const policyName of policies) {
      await asRoot(setup, rootA, 'AttachPolicyToUser', { policyType: 'System', policyName, userName });
    }
    const key = createdKeyOf(await asRoot(setup, rootA, 'CreateAccessKey', { userName }));
    recordSecrets([key.accessKeySecret]);
    return key;
  };
  const actors = new Map<PrincipalName, Actor>([
    ['root', { name: 'root', key: rootA, userName: undefined, root: rootA }],
    ['otherRoot', { name: 'otherRoot', key: otherRoot, userName: undefined, root: otherRoot }],
  ]);
  const users: Array<[PrincipalName, string, string[]]> = [
    ['admin', 'admin', ['AdministratorAccess']],
    ['ramFull', 'ram-full', ['AliyunRAMFullAccess']],
    ['readOnly', 'read-only', ['AliyunRAMReadOnlyAccess']],
    ['plainDenied', 'plain', []],
  ];
  for (const [name, userName, policies] of users) {
    actors.set(name, { name, key: await userWithKey(userName, policies), userName, root: rootA });
  }
  const plain = actors.get('plainDenied');
  if (!plain) throw new Error('the plain user');
  // The same plain user, used while the account's AllowUserToManageAccessKeys is switched on.
  actors.set('plainAllowed', { ...plain, name: 'plainAllowed' });
  const victimKey = await userWithKey('victim', []);
  return { actors, world: { ...setup, victimKeyId: victimKey.accessKeyId } };
}

describe('authorisation matrix: every operation of both wires × every principal kind', () => {
  let server: TestServer;
  let actors: Map<PrincipalName, Actor>;
  let world: World;
  const log = createWriteStream(logPath('authorization-matrix'));

  beforeAll(async () => {
    server = await startTestServer({
      dataDir: dataDirPath('authorization-matrix'),
      logger: new JsonLogger('debug', (line) => log.write(line)),
    });
    recordSecrets([server.root.accessKeySecret]);
    ({ actors, world } = await setUp(server));
  });

  afterAll(async () => {
    await server.stop();
    await new Promise((resolve) => log.end(resolve));
  });

  for (const wire of ['ram', 'iam'] as const) {
    for (const [row, expectations] of Object.entries(EXPECTATIONS)) {
      if (!SERVED[wire].has(operationOf(row))) continue;
      PRINCIPALS.forEach((principal, column) => {
        const expected = expectations[column];
        if (expected === undefined || expected === N) return;
        // IAM's GetAccessKeyLastUsed names no user: "ownName" would repeat "self".
        if (wire === 'iam' && row === 'GetAccessKeyLastUsed ownName') return;
        // IAM names no user in GetAccessKeyLastUsed, and answers a key it cannot see as AccessDenied.
        const keyInvisible = wire === 'iam' && operationOf(row) === 'GetAccessKeyLastUsed';
        const want = expected === A ? 'allowed' : REFUSALS[wire][keyInvisible ? D : expected];
        it(`${wire}: ${row} by ${principal}: ${want}`, async () => {
          const run = CASES[row];
          const actor = actors.get(principal);
          if (!run || !actor) throw new Error(`no case or actor for ${row} / ${principal}`);
          const preference = { allowUserToManageAccessKeys: String(principal === 'plainAllowed') };
          await asRoot(world, world.rootA, 'SetSecurityPreference', preference);
          const result = await run(wire, actor, world);
          expect(result.status === 200 ? 'allowed' : `${result.status} ${result.code}`).toBe(want);
        });
      });
    }
  }

  it('has a row for every operation either wire serves, a case per row and a column per principal', () => {
    const served = new Set([...SERVED.ram, ...SERVED.iam]);
    const rows = new Set(Object.keys(EXPECTATIONS).map(operationOf));
    expect(
      [...served].filter((op) => !rows.has(op)),
      'operations without an expectation',
    ).toEqual([]);
    expect(
      [...rows].filter((op) => !served.has(op)),
      'expectations of no operation',
    ).toEqual([]);
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(EXPECTATIONS).sort());
    for (const row of Object.values(EXPECTATIONS)) expect(row).toHaveLength(PRINCIPALS.length);
  });
});
