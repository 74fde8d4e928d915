/** PostgresNonceStore: replay protection shared by two nodes, expiry and the bounded sweep. */
import { escapeIdentifier } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../domain/ports.js';
import { at } from '../contract/fixtures.js';
import type { PostgresNonceStore } from './postgres-nonce-store.js';
import { TEST_DATABASE_URL, useTestSchema, withRawClient } from './postgres-test-support.js';

describe.runIf(Boolean(TEST_DATABASE_URL))('PostgresNonceStore across two nodes', () => {
  // Replaced before each test; the initial value only gives the variable its type (it opens nothing).
  let db = useTestSchema();
  const nonceStores: PostgresNonceStore[] = [];
  /** One pinned clock for both nodes, moved by the tests. */
  let now = at(0);
  const clock: Clock = { now: () => now };

  /** Two nonce stores, each on its own store (pool) over one schema. */
  const openNodes = async (sweepBatchSize?: number): Promise<[PostgresNonceStore, PostgresNonceStore]> => {
    const options = sweepBatchSize === undefined ? { clock } : { clock, sweepBatchSize };
    const a = (await db.open()).createNonceStore(options);
    const b = (await db.open({ migrate: false })).createNonceStore(options);
    nonceStores.push(a, b);
    return [a, b];
  };

  /** Rows left in the nonces table, read without akm. */
  const storedNonces = () =>
    withRawClient(async (client) => {
      const { rows } = await client.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM ${escapeIdentifier(db.schema)}.nonces`,
      );
      return Number(rows[0]?.n);
    });

  beforeEach(() => {
    db = useTestSchema();
    now = at(0);
  });

  afterEach(async () => {
    for (const nonces of nonceStores.splice(0)) await nonces.close();
    await db.cleanup();
  });

  it('refuses on one node a nonce remembered through the other, per AccessKeyId', async () => {
    const [a, b] = await openNodes();
    expect(await a.remember('LTAI-1', 'n-1', at(900))).toBe(true);
    expect(await b.remember('LTAI-1', 'n-1', at(900))).toBe(false);
    expect(await a.remember('LTAI-1', 'n-1', at(900))).toBe(false);
    // The same nonce under another key is a different pair.
    expect(await b.remember('LTAI-2', 'n-1', at(900))).toBe(true);
  });

  it('accepts a nonce again once its previous use has expired, and then remembers it anew', async () => {
    const [a, b] = await openNodes();
    expect(await a.remember('LTAI-1', 'n-1', at(900))).toBe(true);
    now = at(899);
    expect(await b.remember('LTAI-1', 'n-1', at(1799))).toBe(false);
    now = at(900);
    expect(await b.remember('LTAI-1', 'n-1', at(1800))).toBe(true);
    expect(await a.remember('LTAI-1', 'n-1', at(1800))).toBe(false);
  });

  it('answers "fresh" exactly once when both nodes see one nonce at the same moment', async () => {
    const [a, b] = await openNodes();
    const calls = Array.from({ length: 20 }, (_, i) =>
      (i % 2 === 0 ? a : b).remember('LTAI-1', 'race', at(900)),
    );
    const fresh = (await Promise.all(calls)).filter(Boolean);
    expect(fresh).toHaveLength(1);
  });

  it('claims a batch of concurrent requests in one go, fresh and replayed nonces mixed', async () => {
    const [a] = await openNodes();
    const first = await Promise.all(
      Array.from({ length: 100 }, (_, i) => a.remember('LTAI-1', `b-${i}`, at(900))),
    );
    expect(first.every(Boolean)).toBe(true);
    const again = await Promise.all(
      Array.from({ length: 105 }, (_, i) => a.remember('LTAI-1', `b-${(i * 4) % 105}`, at(900))),
    );
    // Only b-100 … b-104 are new.
    expect(again.filter(Boolean)).toHaveLength(5);
    expect(await storedNonces()).toBe(105);
  });

  it('sweeps only expired nonces, in bounded batches, from either node', async () => {
    const [a, b] = await openNodes(2);
    for (let i = 0; i < 5; i += 1) await a.remember('LTAI-1', `old-${i}`, at(100));
    for (let i = 0; i < 3; i += 1) await b.remember('LTAI-1', `new-${i}`, at(1000));
    now = at(100);
    expect(await b.sweep()).toBe(5);
    expect(await storedNonces()).toBe(3);
    expect(await a.sweep()).toBe(0);
    expect(await a.remember('LTAI-1', 'new-0', at(1000))).toBe(false);
  });

  it('sweeps by itself on its timer', async () => {
    const store = await db.open();
    const nonces = store.createNonceStore({ clock, sweepIntervalMs: 20 });
    nonceStores.push(nonces);
    await nonces.remember('LTAI-1', 'n-1', at(10));
    now = at(10);
    await expect.poll(storedNonces, { timeout: 5000, interval: 25 }).toBe(0);
  });
});
