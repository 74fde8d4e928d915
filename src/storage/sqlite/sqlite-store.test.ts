/** SqliteStore: the shared store contract plus what only a file-backed SQLite store must do. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAkmError } from '../../domain/errors.js';
import { MAX_ACCESS_KEYS_PER_OWNER } from '../../domain/limits.js';
import { makeUserKey, seedAccount, seedUser, userOwner } from '../contract/fixtures.js';
import { describeStoreContract } from '../contract/store-contract.js';
import { LATEST_SCHEMA_VERSION } from '../migrations.js';
import { SqliteStore } from './sqlite-store.js';

async function makeTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'akm-sqlite-'));
}

describeStoreContract('SqliteStore', async () => {
  const dir = await makeTempDir();
  const store = SqliteStore.open({ path: join(dir, 'akm.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteStore on a file', () => {
  let dir = '';
  let path = '';
  const opened: SqliteStore[] = [];

  /** Opens a store on the test's file and closes it after the test. */
  const open = (options: { migrate?: boolean } = {}): SqliteStore => {
    const store = SqliteStore.open({ path, ...options });
    opened.push(store);
    return store;
  };

  /** Runs raw SQL against the file, as another tool (or a newer akm) would. */
  const withRawDatabase = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(path);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    dir = await makeTempDir();
    path = join(dir, 'akm.db');
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('migrates a new file to the latest schema version, idempotently', () => {
    const store = open();
    expect(store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    store.migrate();
    expect(store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    const applied = withRawDatabase((db) => db.prepare('SELECT version FROM schema_migrations').all());
    expect(applied).toHaveLength(LATEST_SCHEMA_VERSION);
  });

  it('keeps data across close and re-open', async () => {
    const first = open();
    const { account, rootKey } = await seedAccount(first);
    const user = await seedUser(first, account.accountId, 'alice');
    await first.setMeta('k', 'v');
    await first.close();

    const second = open({ migrate: false });
    expect(await second.getAccount(account.accountId)).toEqual(account);
    expect(await second.getAccessKey(rootKey.accessKeyId)).toEqual(rootKey);
    expect(await second.getUserByName(account.accountId, 'ALICE')).toEqual(user);
    expect(await second.getMeta('k')).toBe('v');
  });

  it('refuses a database written by a newer akm, without touching it', async () => {
    await open().close();
    const newer = LATEST_SCHEMA_VERSION + 1;
    withRawDatabase((db) =>
      db
        .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(newer, 'future', 0),
    );
    const message = `database schema version ${newer} is newer than this akm supports (${LATEST_SCHEMA_VERSION}); upgrade akm`;
    expect(() => SqliteStore.open({ path })).toThrow(message);
    expect(() => SqliteStore.open({ path, migrate: false })).toThrow(message);
    const versions = withRawDatabase((db) =>
      db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get(),
    );
    expect(versions).toEqual({ v: newer });
  });

  it('refuses an older schema when not allowed to migrate, and names the fix', () => {
    expect(() => SqliteStore.open({ path, migrate: false })).toThrow(
      `database schema version 0 is older than this akm requires (${LATEST_SCHEMA_VERSION}); run \`akm migrate\``,
    );
    // The refused open created no tables, so a later migrating open starts from scratch.
    expect(open().schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
  });

  it('puts the file in write-ahead logging mode', () => {
    open();
    // journal_mode=WAL is recorded in the file itself, so a fresh connection reports it.
    expect(withRawDatabase((db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('shares the file with a second instance (another process) and keeps the key limit', async () => {
    const server = open();
    const cli = open();
    const { account } = await seedAccount(cli);
    expect(await server.getAccount(account.accountId)).toEqual(account);
    const user = await seedUser(server, account.accountId, 'alice');
    expect(await cli.getUserById(account.accountId, user.userId)).toEqual(user);

    // Creates alternate between the two connections; each must count the other's keys.
    const outcomes: string[] = [];
    for (const store of [server, cli, server, cli]) {
      await store.createAccessKey(makeUserKey(user), MAX_ACCESS_KEYS_PER_OWNER).then(
        () => outcomes.push('created'),
        (error: unknown) => outcomes.push(isAkmError(error) ? error.code : String(error)),
      );
    }
    expect(outcomes).toEqual([
      'created',
      'created',
      'ACCESS_KEY_LIMIT_EXCEEDED',
      'ACCESS_KEY_LIMIT_EXCEEDED',
    ]);
    expect(await server.listAccessKeys(userOwner(user))).toEqual(await cli.listAccessKeys(userOwner(user)));
  });
});
