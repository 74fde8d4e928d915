/** PostgresStore under true concurrency: two stores (two pools, as two nodes) writing one schema at once. */
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAkmError } from '../../domain/errors.js';
import { MAX_ACCESS_KEYS_PER_OWNER } from '../../domain/limits.js';
import type { Store } from '../../domain/ports.js';
import { SEAL_FENCE_META } from '../../domain/seal-fence.js';
import {
  at,
  makePolicy,
  makeRootKey,
  makeUser,
  makeUserKey,
  rootOwner,
  seedAccount,
  seedUser,
  userOwner,
} from '../contract/fixtures.js';
import { connectionConfig } from './postgres-pool.js';
import { SQL } from './postgres-sql.js';
import { TEST_DATABASE_URL, testDatabaseUrl, useTestSchema } from './postgres-test-support.js';

/** Each outcome as 'ok' or the error code, in call order. */
async function outcomes(calls: readonly Promise<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(calls);
  return settled.map((r) => {
    if (r.status === 'fulfilled') return 'ok';
    const reason: unknown = r.reason;
    return isAkmError(reason) ? reason.code : String(reason);
  });
}

/** Waits until some session waits for an advisory lock (the create queued behind the rewrite). */
async function untilAdvisoryLockWaiter(client: Client): Promise<void> {
  const waiting = "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted";
  while (((await client.query<{ n: number }>(waiting)).rows[0]?.n ?? 0) === 0) await delay(10);
}

/** How many times each outcome occurred. */
function tally(results: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) counts[result] = (counts[result] ?? 0) + 1;
  return counts;
}

describe.runIf(Boolean(TEST_DATABASE_URL))('PostgresStore across two nodes', () => {
  // Replaced before each test; the initial value only gives the variable its type (it opens nothing).
  let db = useTestSchema();
  let nodes: [Store, Store] | undefined;

  /** The two stores; alternating calls between them spreads work over both pools. */
  const node = (i: number): Store => {
    if (nodes === undefined) throw new Error('nodes are only available inside a test');
    return nodes[i % 2 === 0 ? 0 : 1];
  };

  beforeEach(async () => {
    db = useTestSchema();
    const a = await db.open({ poolSize: 10 });
    const b = await db.open({ poolSize: 10, migrate: false });
    nodes = [a, b];
  });

  afterEach(async () => {
    nodes = undefined;
    await db.cleanup();
  });

  it('keeps the 2-key limit under 25 + 25 concurrent creates for one user', async () => {
    const { account } = await seedAccount(node(0));
    const user = await seedUser(node(0), account.accountId, 'alice');
    const calls = Array.from({ length: 50 }, (_, i) =>
      node(i).createAccessKey(makeUserKey(user), MAX_ACCESS_KEYS_PER_OWNER),
    );
    expect(tally(await outcomes(calls))).toEqual({ ok: 2, ACCESS_KEY_LIMIT_EXCEEDED: 48 });
    expect(await node(1).listAccessKeys(userOwner(user))).toHaveLength(2);
  });

  it('keeps the 2-key limit for the account root under concurrent creates', async () => {
    const { account } = await seedAccount(node(0));
    const calls = Array.from({ length: 20 }, (_, i) =>
      node(i).createAccessKey(makeRootKey(account.accountId), MAX_ACCESS_KEYS_PER_OWNER),
    );
    // The account already holds its first root key.
    expect(tally(await outcomes(calls))).toEqual({ ok: 1, ACCESS_KEY_LIMIT_EXCEEDED: 19 });
    expect(await node(0).listAccessKeys(rootOwner(account.accountId))).toHaveLength(2);
  });

  it('creates one user when several nodes create the same name in different cases', async () => {
    const { account } = await seedAccount(node(0));
    const names = ['alice', 'Alice', 'ALICE', 'aLiCe', 'alicE', 'ALice'];
    const calls = names.map((name, i) => node(i).createUser(makeUser(account.accountId, name), 100));
    expect(tally(await outcomes(calls))).toEqual({ ok: 1, USER_ALREADY_EXISTS: 5 });
    expect(await node(1).listUsers(account.accountId, { limit: 10 })).toHaveLength(1);
  });

  it('keeps the user limit under concurrent creates of different names', async () => {
    const { account } = await seedAccount(node(0));
    const calls = Array.from({ length: 12 }, (_, i) =>
      node(i).createUser(makeUser(account.accountId, `user${i}`), 5),
    );
    expect(tally(await outcomes(calls))).toEqual({ ok: 5, USER_LIMIT_EXCEEDED: 7 });
  });

  it('never both deletes a user and gives it a key when the two race', async () => {
    const { account } = await seedAccount(node(0));
    for (let round = 0; round < 10; round += 1) {
      const user = await seedUser(node(0), account.accountId, `racer${round}`);
      const [deleted, created] = await outcomes([
        node(round).deleteUser(account.accountId, user.userId),
        node(round + 1).createAccessKey(makeUserKey(user), MAX_ACCESS_KEYS_PER_OWNER),
      ]);
      const exists = (await node(0).getUserById(account.accountId, user.userId)) !== undefined;
      const keys = await node(1).listAccessKeys(userOwner(user));
      if (deleted === 'ok') {
        expect([created, exists, keys]).toEqual(['USER_NOT_FOUND', false, []]);
      } else {
        expect([deleted, created, exists, keys.length]).toEqual(['USER_HAS_ACCESS_KEYS', 'ok', true, 1]);
      }
    }
  });

  it('attaches a policy once when several nodes attach it together, in a gapless order', async () => {
    const { account } = await seedAccount(node(0));
    const user = await seedUser(node(0), account.accountId, 'alice');
    const calls = Array.from({ length: 8 }, (_, i) =>
      node(i).attachPolicy(account.accountId, user.userId, makePolicy('ReadOnlyAccess')),
    );
    expect(tally(await outcomes(calls))).toEqual({ ok: 1, POLICY_ALREADY_ATTACHED: 7 });
    const others = ['A', 'B', 'C', 'D'].map((name, i) =>
      node(i).attachPolicy(account.accountId, user.userId, makePolicy(name)),
    );
    expect(tally(await outcomes(others))).toEqual({ ok: 4 });
    expect(await node(1).listPolicies(account.accountId, user.userId)).toHaveLength(5);
  });

  it('flushes overlapping last-use batches from both nodes without deadlock, keeping the latest', async () => {
    const accounts = await Promise.all(Array.from({ length: 6 }, () => seedAccount(node(0))));
    const ids = accounts.map((a) => a.rootKey.accessKeyId);
    // Opposite orders on the two nodes: the pattern that deadlocks when rows are locked in plan order.
    const batches = Array.from({ length: 10 }, (_, i) => {
      const ordered = i % 2 === 0 ? ids : [...ids].reverse();
      return ordered.map((accessKeyId, j) => ({
        accessKeyId,
        lastUsedDate: at(100 + i * 10 + j),
        serviceName: 'iam',
        region: 'us-east-1',
      }));
    });
    const results = await outcomes(batches.map((uses, i) => node(i).recordLastUsed(uses)));
    expect(tally(results)).toEqual({ ok: 10 });
    const latest = await Promise.all(ids.map(async (id) => (await node(1).getAccessKey(id))?.lastUsedDate));
    // The last batch (9, reversed) holds every key's latest date: 100 + 90 + (5 - k) for ids[k].
    expect(latest).toEqual(ids.map((_, k) => at(195 - k)));
  });

  it('leaves no key sealed outside the fence when creates race a secret rewrite on another node', async () => {
    const { account } = await seedAccount(node(0));
    const users = await Promise.all(
      Array.from({ length: 20 }, (_, i) => seedUser(node(0), account.accountId, `u${i}`)),
    );
    await node(0).setMeta(SEAL_FENCE_META, 'v2.old. v2.new.');
    const creates = users.map((user) =>
      node(1).createAccessKey(makeUserKey(user, { encryptedSecret: 'v2.old.x' }), MAX_ACCESS_KEYS_PER_OWNER),
    );
    const rewrite = node(0).rewriteSecrets((id) => `v2.new.${id}`, { [SEAL_FENCE_META]: 'v2.new.' });
    const results = await outcomes([rewrite, ...creates]);
    expect(results[0]).toBe('ok');
    expect(results.slice(1).every((r) => r === 'ok' || r === 'SEALING_KEY_RETIRED')).toBe(true);
    const stored = await Promise.all(users.map((user) => node(1).listAccessKeys(userOwner(user))));
    for (const key of stored.flat()) expect(key.encryptedSecret).toBe(`v2.new.${key.accessKeyId}`);
  });

  it('makes a create that waited for a rewrite read the fence the rewrite committed', async () => {
    const { account } = await seedAccount(node(0));
    const user = await seedUser(node(0), account.accountId, 'alice');
    await node(0).setMeta(SEAL_FENCE_META, 'v2.old.');
    // An in-flight rewrite, as another node's transaction holds it: the fence lock, then the new fence.
    const rewriter = new Client(connectionConfig({ connectionString: testDatabaseUrl(), schema: db.schema }));
    await rewriter.connect();
    try {
      await rewriter.query('BEGIN');
      await rewriter.query(SQL.lockSealFenceExclusive);
      const create = outcomes([
        node(1).createAccessKey(
          makeUserKey(user, { encryptedSecret: 'v2.old.x' }),
          MAX_ACCESS_KEYS_PER_OWNER,
        ),
      ]);
      await untilAdvisoryLockWaiter(rewriter);
      await rewriter.query(SQL.upsertMeta, [SEAL_FENCE_META, 'v2.new.']);
      await rewriter.query('COMMIT');
      expect(await create).toEqual(['SEALING_KEY_RETIRED']);
      expect(await node(0).listAccessKeys(userOwner(user))).toEqual([]);
    } finally {
      await rewriter.end();
    }
  });
});
