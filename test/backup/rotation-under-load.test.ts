/**
 * Issue 5, acceptance 4 (key hygiene): `akm rotate-master-key` while the server serves a load of
 * authentications, creates and deletes. No request fails, every key keeps working, and afterwards no
 * stored sealed value opens with the old key — checked on the raw rows.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createUserWithKey, type RamApi } from '../support/acceptance-helpers.js';
import { runAkm } from '../support/akm-cli-process.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { type Credentials, Ram, ramClient } from '../support/ram-clients.js';
import { failures, KeyChurn } from './key-traffic.js';
import { keyIn, openedBy, sqliteSealedRows } from './rotation-support.js';

const CHURN_USERS = ['churn-a', 'churn-b', 'churn-c', 'churn-d', 'churn-e'];

describe('master-key rotation while the server serves', () => {
  let server: TestServer;
  let root: RamApi;
  const stable: Credentials[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    root = ramClient(server.endpoint, server.root);
    for (let i = 0; i < 5; i += 1) {
      stable.push(await createUserWithKey(root, `stable-${i}`), await createKey(root, `stable-${i}`));
    }
    for (const userName of CHURN_USERS) await root.createUser(new Ram.CreateUserRequest({ userName }));
  });

  afterAll(async () => {
    await server.destroy();
  });

  it('fails no request, keeps every key working, and leaves nothing the old key opens', async () => {
    const keyFile = join(server.dataDir, 'master.key');
    const oldKey = keyIn(keyFile);
    const churn = new KeyChurn(server.url, root, CHURN_USERS, [server.root, ...stable]);
    while (churn.keys.length < 2 * CHURN_USERS.length) await delay(5);

    const rotation = await runAkm(['rotate-master-key', '--data-dir', server.dataDir]);
    // Keep the load on until keys sealed after the rotation were created and used.
    const after = churn.keys.length;
    while (churn.keys.length < after + 2 * CHURN_USERS.length) await delay(5);
    await churn.stop();

    expect(rotation.code, rotation.stderr).toBe(0);
    const report = JSON.parse(rotation.stdout) as {
      keyId: string;
      retiredKeyIds: string[];
      resumed: boolean;
    };
    expect(report).toMatchObject({ resumed: false, keyFile });
    expect(churn.errors).toEqual([]);
    expect(churn.authenticated).toBeGreaterThan(0);

    const everyKey = [server.root, ...stable, ...churn.live()];
    expect(await failures(server.url, everyKey)).toEqual({});

    const newKey = keyIn(keyFile);
    expect(existsSync(`${keyFile}.next`)).toBe(false);
    const rows = sqliteSealedRows(server.dataDir);
    expect(rows.length).toBe(everyKey.length + 1);
    expect(openedBy(oldKey, rows)).toEqual([]);
    expect(openedBy(newKey, rows)).toEqual(rows);
    expect(new Set(rows.map((row) => row.sealed.split('.')[1]))).toEqual(new Set([report.keyId]));

    // A restart reads only the new key file, and still serves every key.
    await server.stop();
    server = await startTestServer({ dataDir: server.dataDir, root: server.root });
    expect(await failures(server.url, everyKey)).toEqual({});
  });
});
