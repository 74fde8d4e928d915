/**
 * Acceptance 4: after a graceful restart on the same data dir, users, keys, statuses and last-use dates
 * are intact and keys still authenticate; no file in the data dir holds a secret; the master key file is
 * private and a wrong master key is refused at start-up. A captured request cannot be replayed after it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER_KEY_FILE } from '../../src/crypto/master-key.js';
import { encodeQuery, signAcsV1Params } from '../../src/signing/client-sign.js';
import {
  attempt,
  createKey,
  createUserWithKey,
  keyStatuses,
  lastUsedDate,
  type RamApi,
} from '../support/acceptance-helpers.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { type Credentials, Ram, ramClient } from '../support/ram-clients.js';

/** Every file under `dir`, recursively, with its bytes. */
function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), readFileSync(path));
  }
  return files;
}

/** Names of the files holding any of `secrets` in plain bytes (UTF-8 or UTF-16LE). */
function filesContainingSecrets(dir: string, secrets: readonly string[]): string[] {
  const hits: string[] = [];
  for (const [name, bytes] of readTree(dir)) {
    for (const secret of secrets) {
      if (bytes.includes(Buffer.from(secret, 'utf8')) || bytes.includes(Buffer.from(secret, 'utf16le'))) {
        hits.push(`${name} holds a secret`);
      }
    }
  }
  return hits;
}

interface Snapshot {
  readonly users: string[];
  readonly keys: Record<string, Record<string, string>>;
  readonly lastUsed: Record<string, string | undefined>;
}

describe('restart and secrets at rest (issue 2, acceptance 4)', () => {
  let server: TestServer;
  let dataDir: string;
  const secrets: string[] = [];
  let keys: Readonly<Record<'alice1' | 'alice2' | 'bob1' | 'root2', Credentials>>;
  let before: Snapshot;
  let replayQuery: string;

  const owners: Record<string, string | undefined> = {};
  const snapshot = async (root: RamApi, ids: readonly string[]): Promise<Snapshot> => {
    const listed = await root.listUsers(new Ram.ListUsersRequest({}));
    const users = (listed.body?.users?.user ?? []).map((u) => u.userName ?? '').sort();
    const byOwner: Snapshot['keys'] = { root: await keyStatuses(root) };
    for (const userName of users) byOwner[userName] = await keyStatuses(root, userName);
    const lastUsed: Snapshot['lastUsed'] = {};
    for (const id of ids) lastUsed[id] = await lastUsedDate(root, id, owners[id]);
    return { users, keys: byOwner, lastUsed };
  };

  beforeAll(async () => {
    server = await startTestServer();
    dataDir = server.dataDir;
    secrets.push(server.root.accessKeySecret);
    const root = ramClient(server.endpoint, server.root);
    // alice: a read-only user with a used key and an unused, disabled one; bob: one used key.
    keys = {
      alice1: await createUserWithKey(root, 'alice', ['AliyunRAMReadOnlyAccess']),
      alice2: await createKey(root, 'alice'),
      bob1: await createUserWithKey(root, 'bob', ['AliyunRAMReadOnlyAccess']),
      root2: await createKey(root),
    };
    // A deleted key's secret must not linger either.
    const carol = await createUserWithKey(root, 'carol');
    secrets.push(carol.accessKeySecret);
    await root.deleteAccessKey(
      new Ram.DeleteAccessKeyRequest({ userName: 'carol', userAccessKeyId: carol.accessKeyId }),
    );
    Object.assign(owners, {
      [keys.alice1.accessKeyId]: 'alice',
      [keys.alice2.accessKeyId]: 'alice',
      [keys.bob1.accessKeyId]: 'bob',
    });
    for (const key of Object.values(keys)) secrets.push(key.accessKeySecret);
    for (const key of [keys.alice1, keys.bob1, keys.root2]) {
      await ramClient(server.endpoint, key).listUsers(new Ram.ListUsersRequest({}));
    }
    for (const key of [keys.alice2, keys.root2]) {
      await root.updateAccessKey(
        new Ram.UpdateAccessKeyRequest({
          userAccessKeyId: key.accessKeyId,
          status: 'Inactive',
          ...(owners[key.accessKeyId] ? { userName: owners[key.accessKeyId] } : {}),
        }),
      );
    }
    before = await snapshot(
      root,
      Object.values(keys).map((k) => k.accessKeyId),
    );

    // A signed request as an eavesdropper could capture it; V1 does not sign the host, so it replays anywhere.
    replayQuery = encodeQuery(
      signAcsV1Params({
        method: 'GET',
        params: { Action: 'ListUsers', Version: '2015-05-01' },
        accessKeyId: server.root.accessKeyId,
        secret: server.root.accessKeySecret,
      }),
    );
    expect((await fetch(`${server.url}/?${replayQuery}`)).status).toBe(200);

    await server.stop();
    server = await startTestServer({ dataDir, root: server.root });
  });

  afterAll(async () => {
    await server.destroy();
  });

  it('kept users, keys, statuses and last-use dates', async () => {
    const root = ramClient(server.endpoint, server.root);
    const after = await snapshot(
      root,
      Object.values(keys).map((k) => k.accessKeyId),
    );
    expect(before.users).toEqual(['alice', 'bob', 'carol']);
    expect(before.lastUsed[keys.alice1.accessKeyId]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(before.lastUsed[keys.alice2.accessKeyId]).toBeUndefined();
    expect(before.keys.alice).toEqual({
      [keys.alice1.accessKeyId]: 'Active',
      [keys.alice2.accessKeyId]: 'Inactive',
    });
    expect(after).toEqual(before);
  });

  it('still authenticates the keys, and still refuses the inactive ones', async () => {
    for (const key of [server.root, keys.alice1, keys.bob1]) {
      const listed = await ramClient(server.endpoint, key).listUsers(new Ram.ListUsersRequest({}));
      expect(listed.body?.users?.user?.length).toBe(3);
    }
    for (const key of [keys.alice2, keys.root2]) {
      const refused = await attempt(() =>
        ramClient(server.endpoint, key).listUsers(new Ram.ListUsersRequest({})),
      );
      expect(refused.outcome).toBe('400 InvalidAccessKeyId.Inactive');
    }
  });

  it('still refuses a request replayed after the restart, inside its 15-minute window', async () => {
    const replayed = await fetch(`${server.url}/?${replayQuery}`);
    const body = (await replayed.json()) as { Code?: string };
    expect({ status: replayed.status, code: body.Code }).toEqual({ status: 400, code: 'SignatureNonceUsed' });
  });

  it('has a scan that does find a planted secret (so a clean scan means something)', () => {
    const planted = mkdtempSync(join(tmpdir(), 'akm-scan-'));
    try {
      const secret = server.root.accessKeySecret;
      writeFileSync(
        join(planted, 'x.bin'),
        Buffer.concat([randomBytes(64), Buffer.from(secret), randomBytes(64)]),
      );
      expect(filesContainingSecrets(planted, [secret])).toEqual(['x.bin holds a secret']);
    } finally {
      rmSync(planted, { recursive: true, force: true });
    }
  });

  it('holds no secret in any file of the data dir, WAL and SHM included, while serving', () => {
    const names = [...readTree(dataDir).keys()];
    expect(names).toEqual(expect.arrayContaining(['akm.db', 'akm.db-wal', 'akm.db-shm', MASTER_KEY_FILE]));
    expect(filesContainingSecrets(dataDir, secrets)).toEqual([]);
  });

  it('holds no secret in any file of the data dir after a graceful stop', async () => {
    await server.stop();
    expect(filesContainingSecrets(dataDir, secrets)).toEqual([]);
    server = await startTestServer({ dataDir, root: server.root });
  });

  it('keeps the master key file private (mode 0600)', () => {
    expect(statSync(join(dataDir, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('refuses to start with a master key that does not match the data dir', async () => {
    const wrongKey = randomBytes(32).toString('base64');
    await expect(
      startTestServer({ dataDir, root: server.root, env: { AKM_MASTER_KEY: wrongKey } }),
    ).rejects.toThrow(/master key/);
    // The running server on the same dir is unaffected by the refused start.
    const listed = await ramClient(server.endpoint, server.root).listUsers(new Ram.ListUsersRequest({}));
    expect(listed.body?.users?.user?.length).toBe(3);
  });
});
