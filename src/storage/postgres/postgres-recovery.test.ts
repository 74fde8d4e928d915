/** PostgresStore when the database goes away: clean SERVICE_UNAVAILABLE, bounded waits, recovery without reopening. */
import { randomBytes } from 'node:crypto';
import { escapeIdentifier } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAkmError } from '../../domain/errors.js';
import { MAX_ACCESS_KEYS_PER_OWNER } from '../../domain/limits.js';
import type { Logger } from '../../domain/ports.js';
import { at, makeUserKey, seedAccount, seedUser, seedUserKey, userOwner } from '../contract/fixtures.js';
import type { PostgresStore } from './postgres-store.js';
import { TcpProxy, TEST_DATABASE_URL, useTestSchema, withRawClient } from './postgres-test-support.js';

/** The error code a call failed with, or 'ok'. */
async function outcome(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'ok',
    (error: unknown) => (isAkmError(error) ? error.code : String(error)),
  );
}

/** A logger that keeps warnings, to see background connection errors arrive (and not crash anything). */
function recordingLogger(warnings: string[]): Logger {
  const ignore = () => undefined;
  return { debug: ignore, info: ignore, error: ignore, warn: (msg) => warnings.push(msg) };
}

describe.runIf(Boolean(TEST_DATABASE_URL))('PostgresStore when the database goes away', () => {
  // Replaced before each test; the initial value only gives the variable its type (it opens nothing).
  let db = useTestSchema();
  let proxy: TcpProxy | undefined;
  let warnings: string[] = [];

  beforeEach(() => {
    db = useTestSchema();
    warnings = [];
  });

  afterEach(async () => {
    await proxy?.cut();
    proxy = undefined;
    await db.cleanup();
  });

  /** A store that reaches the database through a proxy the test can cut. */
  const openThroughProxy = async (options: { statementTimeoutMs?: number } = {}): Promise<PostgresStore> => {
    await db.open(); // migrate directly, so the proxy only carries the store's own traffic
    proxy = await TcpProxy.start();
    return db.open({
      connectionString: proxy.url,
      migrate: false,
      poolSize: 3,
      connectTimeoutMs: 1000,
      logger: recordingLogger(warnings),
      ...options,
    });
  };

  it('fails cleanly while the link is down and recovers by itself, losing nothing acknowledged', async () => {
    const store = await openThroughProxy();
    const nonces = store.createNonceStore();
    const { account } = await seedAccount(store);
    const user = await seedUser(store, account.accountId, 'alice');
    const key = await seedUserKey(store, user);
    // Several connections open and idle in the pool when the link drops.
    await Promise.all([store.ping(), store.ping(), store.ping()]);

    await proxy?.cut();
    const started = Date.now();
    expect(await outcome(store.getAccount(account.accountId))).toBe('SERVICE_UNAVAILABLE');
    expect(await outcome(store.createAccessKey(makeUserKey(user), MAX_ACCESS_KEYS_PER_OWNER))).toBe(
      'SERVICE_UNAVAILABLE',
    );
    expect(await outcome(nonces.remember(key.accessKeyId, 'n-1', at(900)))).toBe('SERVICE_UNAVAILABLE');
    expect(await store.ping()).toBe(false);
    expect(Date.now() - started).toBeLessThan(4000);

    await proxy?.restore();
    expect(await store.getAccount(account.accountId)).toEqual(account);
    expect(await store.listAccessKeys(userOwner(user))).toEqual([key]);
    await seedUserKey(store, user);
    expect(await nonces.remember(key.accessKeyId, 'n-1', at(900))).toBe(true);
    expect(await store.ping()).toBe(true);
    await nonces.close();
  });

  it('fails a transaction cut mid-way, rolls it back, and recovers', async () => {
    const store = await openThroughProxy();
    const { account } = await seedAccount(store);
    const user = await seedUser(store, account.accountId, 'alice');
    const usersTable = `${escapeIdentifier(db.schema)}.users`;

    // Hold the user's row lock on a direct connection, so the store's create waits inside its transaction.
    const blocked = await withRawClient(async (raw) => {
      await raw.query('BEGIN');
      await raw.query(`SELECT 1 FROM ${usersTable} WHERE user_id = $1 FOR UPDATE`, [user.userId]);
      const pending = outcome(store.createAccessKey(makeUserKey(user), MAX_ACCESS_KEYS_PER_OWNER));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await proxy?.cut();
      const result = await pending;
      await raw.query('ROLLBACK');
      return result;
    });
    expect(blocked).toBe('SERVICE_UNAVAILABLE');

    await proxy?.restore();
    expect(await store.listAccessKeys(userOwner(user))).toEqual([]);
    await seedUserKey(store, user);
    expect(await store.listAccessKeys(userOwner(user))).toHaveLength(1);
  });

  it('answers SERVICE_UNAVAILABLE when a lock wait outlasts the statement timeout', async () => {
    const store = await openThroughProxy({ statementTimeoutMs: 300 });
    const { account } = await seedAccount(store);
    const user = await seedUser(store, account.accountId, 'alice');
    const result = await withRawClient(async (raw) => {
      await raw.query('BEGIN');
      await raw.query(`SELECT 1 FROM ${escapeIdentifier(db.schema)}.users WHERE user_id = $1 FOR UPDATE`, [
        user.userId,
      ]);
      const started = Date.now();
      const code = await outcome(store.createAccessKey(makeUserKey(user), MAX_ACCESS_KEYS_PER_OWNER));
      await raw.query('ROLLBACK');
      return { code, elapsed: Date.now() - started };
    });
    expect(result.code).toBe('SERVICE_UNAVAILABLE');
    expect(result.elapsed).toBeLessThan(3000);
    await seedUserKey(store, user);
  });

  it('survives the server terminating its connections (as on a restart) and reconnects', async () => {
    const applicationName = `akm-test-${randomBytes(4).toString('hex')}`;
    await db.open();
    const store = await db.open({ migrate: false, applicationName, logger: recordingLogger(warnings) });
    const { account } = await seedAccount(store);
    await Promise.all([store.ping(), store.ping()]);

    const terminated = await withRawClient((raw) =>
      raw.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
        applicationName,
      ]),
    );
    expect(terminated.rowCount).toBeGreaterThan(0);
    // Idle connections learn of it asynchronously; meanwhile a call may fail, but only cleanly.
    await expect
      .poll(async () => {
        const result = await outcome(store.getAccount(account.accountId));
        expect(['ok', 'SERVICE_UNAVAILABLE']).toContain(result);
        return result;
      })
      .toBe('ok');
    await expect.poll(() => warnings).toContain('postgres idle connection lost');
  });
});
