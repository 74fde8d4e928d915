/**
 * Issue 5, acceptance 4 (key hygiene): a master-key rotation killed midway leaves every key working with
 * the running server and with a restarted one, and a later rotation completes. The binary is SIGKILLed
 * at each step it announces under the test-only AKM_TEST_ROTATION_PAUSE_AT (inside the transaction
 * included), then at random moments.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RotationStep } from '../../src/admin/rotate-master-key.js';
import { readMasterKeyFile } from '../../src/crypto/master-key.js';
import { createKey, createUserWithKey, type RamApi } from '../support/acceptance-helpers.js';
import { akmEnv, runAkm, spawnAkm, waitForStderr } from '../support/akm-cli-process.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { type Credentials, Ram, ramClient } from '../support/ram-clients.js';
import { failures } from './key-traffic.js';
import { keyIn, openedBy, sqliteSealedRows } from './rotation-support.js';

const STEPS: readonly RotationStep[] = ['fence-widened', 'next-key-written', 'rewriting', 'committed'];

describe('a master-key rotation killed midway', () => {
  let server: TestServer;
  let root: RamApi;
  const keys: Credentials[] = [];
  /** A key replaced after every kill, so that keys created after each one are checked too. */
  let alice: Credentials;
  /** Every key that was ever in the key file or its .next companion. */
  const seenKeys = new Map<string, Buffer>();

  const keyFile = () => join(server.dataDir, 'master.key');
  const noteKeys = () => {
    for (const path of [keyFile(), `${keyFile()}.next`]) {
      const key = readMasterKeyFile(path);
      if (key) seenKeys.set(key.toString('base64'), key);
    }
  };

  /** Every key works with the running server; so does a key created now (replacing alice's), and after a restart. */
  const expectEveryKeyWorking = async () => {
    expect(await failures(server.url, [...keys, alice])).toEqual({});
    const replaced = alice;
    alice = await createKey(root, 'alice');
    await root.deleteAccessKey(
      new Ram.DeleteAccessKeyRequest({ userName: 'alice', userAccessKeyId: replaced.accessKeyId }),
    );
    expect(await failures(server.url, [...keys, alice])).toEqual({});
    await server.stop();
    server = await startTestServer({ dataDir: server.dataDir, root: server.root });
    root = ramClient(server.endpoint, server.root);
    expect(await failures(server.url, [...keys, alice])).toEqual({});
  };

  beforeAll(async () => {
    server = await startTestServer();
    root = ramClient(server.endpoint, server.root);
    keys.push(
      server.root,
      await createKey(root),
      await createUserWithKey(root, 'bob'),
      await createKey(root, 'bob'),
    );
    alice = await createUserWithKey(root, 'alice');
    noteKeys();
  });

  afterAll(async () => {
    await server.destroy();
  });

  it.each(STEPS)('leaves every key working when killed at %s', async (step) => {
    const rotation = spawnAkm(
      ['rotate-master-key', '--data-dir', server.dataDir],
      akmEnv({ AKM_TEST_ROTATION_PAUSE_AT: step }),
    );
    await waitForStderr(rotation, new RegExp(`akm: test pause at ${step}\\n`));
    noteKeys();
    rotation.child.kill('SIGKILL');
    expect(await rotation.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await expectEveryKeyWorking();
  });

  it('leaves every key working when killed at random moments', async () => {
    for (let round = 0; round < 5; round += 1) {
      const rotation = spawnAkm(['rotate-master-key', '--data-dir', server.dataDir]);
      await delay(Math.floor(Math.random() * 600));
      noteKeys();
      rotation.child.kill('SIGKILL');
      await rotation.exited;
      noteKeys();
      await expectEveryKeyWorking();
    }
  });

  it('completes on the next run, leaving no stored value any earlier key opens', async () => {
    const result = await runAkm(['rotate-master-key', '--data-dir', server.dataDir]);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(`${keyFile()}.next`)).toBe(false);
    await expectEveryKeyWorking();
    const current = keyIn(keyFile());
    const rows = sqliteSealedRows(server.dataDir);
    expect(openedBy(current, rows)).toEqual(rows);
    const earlier = [...seenKeys.values()].filter((key) => !key.equals(current));
    expect(earlier.length).toBeGreaterThan(0);
    for (const key of earlier) expect(openedBy(key, rows)).toEqual([]);
  });
});
