/**
 * Last use: GetAccessKeyLastUsed sees a use at once (read-your-writes), while a burst of signed requests
 * costs no database write per request: uses are coalesced and written at most once per key per flush.
 * Writes are counted with a spy on SqliteStore.prototype.recordLastUsed (this file only) and checked
 * against the database file itself.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KeyUse } from '../../src/domain/ports.js';
import { DATABASE_FILE } from '../../src/open-store.js';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { createUserWithKey, lastUsedDate, type RamApi } from '../support/acceptance-helpers.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { type Credentials, popClient, Ram, ramClient } from '../support/ram-clients.js';

const BURST = 200;
const RAM_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const recordLastUsed = vi.spyOn(SqliteStore.prototype, 'recordLastUsed');

/** The batches written since the spy was last cleared. */
const writtenBatches = (): ReadonlyArray<readonly KeyUse[]> =>
  recordLastUsed.mock.calls.map(([uses]) => uses);
const writesOf = (accessKeyId: string) =>
  writtenBatches().flatMap((batch) => batch.filter((use) => use.accessKeyId === accessKeyId));

/** The key's last-use date as stored in the database file, read through a separate connection. */
function persistedLastUsed(dataDir: string, accessKeyId: string): number | null {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const row = db
      .prepare('SELECT last_used_date FROM access_keys WHERE access_key_id = ?')
      .get(accessKeyId) as { last_used_date: number | null } | undefined;
    if (!row) throw new Error(`no stored key ${accessKeyId}`);
    return row.last_used_date;
  } finally {
    db.close();
  }
}

/** Sends `count` signed requests with `key`, half through the V3 client and half through pop-core. */
async function burst(server: TestServer, key: Credentials, count: number): Promise<void> {
  const v3 = ramClient(server.endpoint, key);
  const pop = popClient(server.url, key);
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      i % 2 === 0 ? v3.listUsers(new Ram.ListUsersRequest({})) : pop.request('ListUsers', {}),
    ),
  );
}

afterAll(() => {
  recordLastUsed.mockRestore();
});

describe('last use with a flush interval longer than the test', () => {
  let server: TestServer;
  let root: RamApi;
  let key: Credentials;
  let seenAfterBurst: string | undefined;

  beforeAll(async () => {
    server = await startTestServer({ env: { AKM_LAST_USE_FLUSH_MS: String(60 * 60 * 1000) } });
    root = ramClient(server.endpoint, server.root);
    key = await createUserWithKey(root, 'burster', ['AliyunRAMReadOnlyAccess']);
  });

  afterAll(async () => {
    await server.destroy();
  });

  it('reports no LastUsedDate for a key that was never used', async () => {
    expect(await lastUsedDate(root, key.accessKeyId, 'burster')).toBeUndefined();
  });

  it('sees a use immediately, before anything is written to the database', async () => {
    recordLastUsed.mockClear();
    await ramClient(server.endpoint, key).listUsers(new Ram.ListUsersRequest({}));

    expect(await lastUsedDate(root, key.accessKeyId, 'burster')).toMatch(RAM_DATE);
    expect(recordLastUsed).not.toHaveBeenCalled();
    expect(persistedLastUsed(server.dataDir, key.accessKeyId)).toBeNull();
  });

  it(`absorbs a burst of ${BURST} signed requests without a single last-use write`, async () => {
    recordLastUsed.mockClear();
    // (Each request still records its nonce: replay protection must survive restarts.)
    await burst(server, key, BURST);

    seenAfterBurst = await lastUsedDate(root, key.accessKeyId, 'burster');
    expect(seenAfterBurst).toMatch(RAM_DATE);
    expect(recordLastUsed).not.toHaveBeenCalled();
    expect(persistedLastUsed(server.dataDir, key.accessKeyId)).toBeNull();
  });

  it('writes the newest use once, in one batch, on graceful stop; a restart reports the same date', async () => {
    recordLastUsed.mockClear();
    await server.stop();

    expect(recordLastUsed).toHaveBeenCalledTimes(1);
    const [write] = writesOf(key.accessKeyId);
    expect(writesOf(key.accessKeyId)).toHaveLength(1);
    expect(`${write?.lastUsedDate.toISOString().slice(0, 19)}Z`).toBe(seenAfterBurst);
    expect(persistedLastUsed(server.dataDir, key.accessKeyId)).toBe(write?.lastUsedDate.getTime());

    server = await startTestServer({ dataDir: server.dataDir, root: server.root });
    root = ramClient(server.endpoint, server.root);
    expect(await lastUsedDate(root, key.accessKeyId, 'burster')).toBe(seenAfterBurst);
  });
});

describe('last use with the default flush interval', () => {
  let server: TestServer;
  let key: Credentials;

  beforeAll(async () => {
    server = await startTestServer();
    key = await createUserWithKey(ramClient(server.endpoint, server.root), 'steady', [
      'AliyunRAMReadOnlyAccess',
    ]);
  });

  afterAll(async () => {
    await server.destroy();
  });

  it(`persists a burst of ${BURST} uses with a handful of writes, each batch naming the key at most once`, async () => {
    recordLastUsed.mockClear();
    await burst(server, key, BURST);
    const root = ramClient(server.endpoint, server.root);
    expect(await lastUsedDate(root, key.accessKeyId, 'steady')).toMatch(RAM_DATE);

    // The periodic flush persists the use without a shutdown; wait for it rather than for a duration.
    await vi.waitFor(() => expect(persistedLastUsed(server.dataDir, key.accessKeyId)).not.toBeNull(), {
      timeout: 30_000,
      interval: 50,
    });
    for (const batch of writtenBatches()) {
      expect(batch.filter((use) => use.accessKeyId === key.accessKeyId).length).toBeLessThanOrEqual(1);
    }
    // One write per key per second: even a very slow machine stays far below one write per request.
    expect(writesOf(key.accessKeyId).length).toBeGreaterThanOrEqual(1);
    expect(writesOf(key.accessKeyId).length).toBeLessThanOrEqual(BURST / 10);
  });
});
