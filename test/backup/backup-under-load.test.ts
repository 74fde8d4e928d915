/**
 * Issue 5, acceptance 4 (backups): `akm backup` taken while the server serves a create/delete load
 * restores, with `akm restore`, into a new data dir where every key acknowledged before the backup began
 * authenticates and every key deleted before it began is gone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createUserWithKey, type RamApi } from '../support/acceptance-helpers.js';
import { runAkm } from '../support/akm-cli-process.js';
import { makeTempDataDir, startTestServer, type TestServer } from '../support/akm-test-server.js';
import { type Credentials, Ram, ramClient } from '../support/ram-clients.js';
import { authenticate, failures, KeyChurn } from './key-traffic.js';

const STABLE_USERS = 6;
const CHURN_USERS = ['churn-a', 'churn-b', 'churn-c', 'churn-d'];

describe('backup under a create/delete load, restored into a new data dir', () => {
  let server: TestServer;
  let restored: TestServer | undefined;
  let root: RamApi;
  let scratch: string;
  const stable: Credentials[] = [];
  const deletedBefore: Credentials[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    root = ramClient(server.endpoint, server.root);
    scratch = mkdtempSync(join(tmpdir(), 'akm-backup-'));
    for (let i = 0; i < STABLE_USERS; i += 1) {
      const userName = `stable-${i}`;
      const first = await createUserWithKey(root, userName);
      const second = await createKey(root, userName);
      stable.push(first);
      // Half the users lose their second key before the backup begins.
      if (i % 2 === 0) {
        await root.deleteAccessKey(
          new Ram.DeleteAccessKeyRequest({ userName, userAccessKeyId: second.accessKeyId }),
        );
        deletedBefore.push(second);
      } else {
        stable.push(second);
      }
    }
    for (const userName of CHURN_USERS) await root.createUser(new Ram.CreateUserRequest({ userName }));
  });

  afterAll(async () => {
    await restored?.destroy();
    await server.destroy();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('restores every key acknowledged before it began, and none deleted before it began', async () => {
    const file = join(scratch, 'akm.backup');
    const churn = new KeyChurn(server.url, root, CHURN_USERS, stable);
    while (churn.keys.filter((k) => k.deletedAt !== undefined).length < CHURN_USERS.length) await delay(5);

    const began = performance.now();
    const backup = await runAkm(['backup', '--data-dir', server.dataDir, '--out', file]);
    const ended = performance.now();
    const createdDuring = churn.keys.filter((k) => k.createdAt > began && k.createdAt < ended).length;
    await churn.stop();

    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ file, schemaVersion: expect.any(Number), users: 10 });
    expect(churn.errors).toEqual([]);
    // The load really ran while the snapshot was taken.
    expect(createdDuring).toBeGreaterThan(0);

    const dataDir = makeTempDataDir();
    const masterKeyFile = join(server.dataDir, 'master.key');
    const restore = await runAkm([
      'restore',
      '--from',
      file,
      '--data-dir',
      dataDir,
      '--master-key-file',
      masterKeyFile,
    ]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(JSON.parse(restore.stdout)).toMatchObject({ masterKey: 'installed', users: 10 });
    restored = await startTestServer({ dataDir, root: server.root });

    const acknowledged = [
      server.root,
      ...stable,
      ...churn.keys
        .filter((k) => k.createdAt < began && (k.deleteSentAt === undefined || k.deleteSentAt > ended))
        .map((k) => k.key),
    ];
    const gone = [
      ...deletedBefore,
      ...churn.keys.filter((k) => k.deletedAt !== undefined && k.deletedAt < began).map((k) => k.key),
    ];
    expect(acknowledged.length).toBeGreaterThan(stable.length + 1);
    expect(gone.length).toBeGreaterThan(deletedBefore.length);
    expect(await failures(restored.url, acknowledged)).toEqual({});
    const outcomes = await Promise.all(gone.map((key) => authenticate(restored?.url ?? '', key)));
    expect(new Set(outcomes)).toEqual(new Set(['404 InvalidAccessKeyId.NotFound']));
  });
});
