/**
 * Issue 5, acceptance 4 on PostgreSQL: two `akm serve` nodes share one schema and one master key file.
 * `akm rotate-master-key --database-url` runs while both serve a load: no request fails, both nodes pick
 * the new key up from the shared file, and no stored value opens with the old key. Killed inside its
 * transaction or after its commit, a rotation leaves every key working on both nodes, and the next
 * run completes it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RotationStep } from '../../src/admin/rotate-master-key.js';
import { TEST_DATABASE_URL, testDatabaseUrl } from '../../src/storage/postgres/postgres-test-support.js';
import { createKey, createUserWithKey, type RamApi } from '../support/acceptance-helpers.js';
import { spawnAkm, waitForStderr } from '../support/akm-cli-process.js';
import type { RootKey } from '../support/akm-test-server.js';
import { AkmCluster, type AkmNode, type NodeSettings } from '../support/multi-node-cluster.js';
import { type Credentials, Ram, ramClient } from '../support/ram-clients.js';
import { failures, KeyChurn } from './key-traffic.js';
import { keyIn, openedBy, postgresSealedRows } from './rotation-support.js';

describe.runIf(Boolean(TEST_DATABASE_URL))(
  'master-key rotation on two PostgreSQL nodes sharing a key file',
  () => {
    let cluster: AkmCluster;
    let keyDir: string;
    let settings: NodeSettings;
    let root: RootKey;
    let nodes: AkmNode[];
    let rootA: RamApi;
    const keys: Credentials[] = [];

    const keyFile = () => join(keyDir, 'master.key');
    const everyNodeServes = async (credentials: readonly Credentials[]) => {
      for (const node of nodes) expect(await failures(node.url, credentials)).toEqual({});
    };

    beforeAll(async () => {
      cluster = new AkmCluster();
      keyDir = mkdtempSync(join(tmpdir(), 'akm-shared-key-'));
      writeFileSync(keyFile(), `${cluster.masterKey}\n`, { mode: 0o600 });
      // The key comes from the shared file, not the environment.
      settings = { env: { AKM_MASTER_KEY: '', AKM_MASTER_KEY_FILE: keyFile() } };
      root = await cluster.init(settings);
      nodes = await Promise.all([cluster.startNode(settings), cluster.startNode(settings)]);
      rootA = ramClient(nodes[0]?.endpoint ?? '', root);
      keys.push(root, await createUserWithKey(rootA, 'stable'), await createKey(rootA, 'stable'));
      for (const userName of ['a1', 'a2', 'b1', 'b2'])
        await rootA.createUser(new Ram.CreateUserRequest({ userName }));
    }, 120_000);

    afterAll(async () => {
      await cluster?.destroy();
      rmSync(keyDir, { recursive: true, force: true });
    }, 120_000);

    it('fails no request on either node and leaves nothing the old key opens', async () => {
      const oldKey = keyIn(keyFile());
      const churns = nodes.map(
        (node, i) =>
          new KeyChurn(node.url, ramClient(node.endpoint, root), i === 0 ? ['a1', 'a2'] : ['b1', 'b2'], keys),
      );
      const created = () => churns.reduce((n, churn) => n + churn.keys.length, 0);
      while (created() < 8) await delay(5);
      const rotation = await cluster.run(['rotate-master-key'], settings);
      const after = created();
      while (created() < after + 8) await delay(5);
      for (const churn of churns) await churn.stop();

      expect(rotation.code, rotation.stderr).toBe(0);
      expect(JSON.parse(rotation.stdout)).toMatchObject({ resumed: false, keyFile: keyFile() });
      expect(churns.flatMap((churn) => churn.errors)).toEqual([]);
      await everyNodeServes([...keys, ...churns.flatMap((churn) => churn.live())]);
      const rows = await postgresSealedRows(cluster.schema);
      expect(openedBy(oldKey, rows)).toEqual([]);
      expect(openedBy(keyIn(keyFile()), rows)).toEqual(rows);
    });

    it.each<RotationStep>(['rewriting', 'committed'])(
      'leaves every key working on both nodes when killed at %s',
      async (step) => {
        const rotation = spawnAkm(
          ['rotate-master-key', '--database-url', testDatabaseUrl()],
          cluster.env({ env: { ...settings.env, AKM_TEST_ROTATION_PAUSE_AT: step } }),
        );
        await waitForStderr(rotation, new RegExp(`akm: test pause at ${step}\\n`));
        rotation.child.kill('SIGKILL');
        await rotation.exited;
        await everyNodeServes(keys);
        // A key created on one node after the kill works on the other.
        await rootA.deleteAccessKey(
          new Ram.DeleteAccessKeyRequest({ userName: 'stable', userAccessKeyId: keys[2]?.accessKeyId ?? '' }),
        );
        const fresh = await createKey(ramClient(nodes[1]?.endpoint ?? '', root), 'stable');
        keys[2] = fresh;
        await everyNodeServes(keys);
      },
    );

    it('completes on the next run', async () => {
      const rotation = await cluster.run(['rotate-master-key'], settings);
      expect(rotation.code, rotation.stderr).toBe(0);
      expect(JSON.parse(rotation.stdout)).toMatchObject({ resumed: true });
      await everyNodeServes(keys);
      const rows = await postgresSealedRows(cluster.schema);
      expect(openedBy(keyIn(keyFile()), rows)).toEqual(rows);
    });
  },
);
