/**
 * The principal kinds of issue 2's authorisation rules, set up on one test server: account A's root,
 * users with AdministratorAccess, AliyunRAMFullAccess and AliyunRAMReadOnlyAccess, a plain user (used
 * with AllowUserToManageAccessKeys off and on), another user to target, and another account's root.
 */
import { SILENT_LOGGER } from '../../src/logging/json-logger.js';
import { openRuntime } from '../../src/main.js';
import { createAccount } from '../../src/service/create-account.js';
import { createUserWithKey, present, type RamApi } from './acceptance-helpers.js';
import type { TestServer } from './akm-test-server.js';
import { type Credentials, Ram, ramClient } from './ram-clients.js';

/** Every principal kind, in the column order of the expectation table. */
export const PRINCIPALS = [
  'root',
  'admin',
  'ramFull',
  'readOnly',
  'plainDenied',
  'plainAllowed',
  'otherRoot',
] as const;

/** One principal kind. */
export type PrincipalName = (typeof PRINCIPALS)[number];

/** A caller of one principal kind. */
export interface Actor {
  readonly name: PrincipalName;
  readonly client: RamApi;
  readonly accessKeyId: string;
  /** The caller's user name; undefined for a root. */
  readonly userName: string | undefined;
  /** The root of the caller's own account, which sets up and cleans up on its behalf. */
  readonly accountRoot: RamApi;
}

/** Account A's root and the user the principals target when not targeting themselves. */
export interface World {
  readonly rootA: RamApi;
  readonly victim: string;
  readonly victimKeyId: string;
}

/** Everything {@link setUpPrincipals} creates. */
export interface Principals {
  readonly actors: ReadonlyMap<PrincipalName, Actor>;
  readonly world: World;
  readonly otherRootKey: Credentials;
  actor(name: PrincipalName): Actor;
}

/** Creates another account (tenant) in the server's data dir, as `akm account create` does. */
export async function createOtherAccount(server: TestServer): Promise<Credentials & { accountId: string }> {
  const runtime = await openRuntime(server.config, SILENT_LOGGER);
  try {
    return await createAccount(runtime.deps, { userName: 'acceptance-test' });
  } finally {
    await runtime.close();
  }
}

/** Creates every principal kind on `server`. */
export async function setUpPrincipals(server: TestServer): Promise<Principals> {
  const rootA = ramClient(server.endpoint, server.root);
  const otherRootKey = await createOtherAccount(server);
  const otherRoot = ramClient(server.endpoint, otherRootKey);
  const actors = new Map<PrincipalName, Actor>([
    [
      'root',
      {
        name: 'root',
        client: rootA,
        accessKeyId: server.root.accessKeyId,
        userName: undefined,
        accountRoot: rootA,
      },
    ],
    [
      'otherRoot',
      {
        name: 'otherRoot',
        client: otherRoot,
        accessKeyId: otherRootKey.accessKeyId,
        userName: undefined,
        accountRoot: otherRoot,
      },
    ],
  ]);
  const users: Array<[PrincipalName, string, string[]]> = [
    ['admin', 'admin', ['AdministratorAccess']],
    ['ramFull', 'ram-full', ['AliyunRAMFullAccess']],
    ['readOnly', 'read-only', ['AliyunRAMReadOnlyAccess']],
    ['plainDenied', 'plain', []],
  ];
  for (const [name, userName, policies] of users) {
    const key = await createUserWithKey(rootA, userName, policies);
    const client = ramClient(server.endpoint, key);
    actors.set(name, { name, client, accessKeyId: key.accessKeyId, userName, accountRoot: rootA });
  }
  // The same plain user, used while the account's AllowUserToManageAccessKeys is switched on.
  actors.set('plainAllowed', { ...present(actors.get('plainDenied'), 'plain user'), name: 'plainAllowed' });
  const victimKey = await createUserWithKey(rootA, 'victim');
  return {
    actors,
    world: { rootA, victim: 'victim', victimKeyId: victimKey.accessKeyId },
    otherRootKey,
    actor: (name) => present(actors.get(name), name),
  };
}

/** Sets account A's AllowUserToManageAccessKeys through its root. */
export async function setAllowUserToManageAccessKeys(rootA: RamApi, allow: boolean): Promise<void> {
  await rootA.setSecurityPreference(
    new Ram.SetSecurityPreferenceRequest({ allowUserToManageAccessKeys: allow }),
  );
}
