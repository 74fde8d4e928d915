/** PostgresStore: the shared store contract plus schema handling that only a networked store has. */
import { escapeIdentifier } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAkmError } from '../../domain/errors.js';
import { seedAccount, seedUser } from '../contract/fixtures.js';
import { describeStoreContract } from '../contract/store-contract.js';
import { LATEST_SCHEMA_VERSION } from '../migrations.js';
import { PostgresStore } from './postgres-store.js';
import {
  dropSchema,
  newSchemaName,
  TEST_DATABASE_URL,
  testDatabaseUrl,
  useTestSchema,
  withHostPort,
  withRawClient,
} from './postgres-test-support.js';

describe.runIf(Boolean(TEST_DATABASE_URL))('PostgresStore', () => {
  // A fresh schema per test: runs (and tests) on one database never see each other's rows.
  describeStoreContract('PostgresStore', async () => {
    const schema = newSchemaName();
    const store = await PostgresStore.open({ connectionString: testDatabaseUrl(), schema, migrate: true });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await dropSchema(schema);
      },
    };
  });

  describe('schema handling', () => {
    // Replaced before each test; the initial value only gives the variable its type (it opens nothing).
    let db = useTestSchema();

    beforeEach(() => {
      db = useTestSchema();
    });

    afterEach(async () => {
      await db.cleanup();
    });

    /** The versions recorded in the test schema, read without akm. */
    const appliedVersions = () =>
      withRawClient(async (client) => {
        const table = `${escapeIdentifier(db.schema)}.schema_migrations`;
        const { rows } = await client.query<{ version: string }>(`SELECT version FROM ${table} ORDER BY 1`);
        return rows.map((row) => Number(row.version));
      });

    const versionsUpTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

    it('creates the schema and migrates it to the latest version, idempotently', async () => {
      const store = await db.open();
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      await store.migrate();
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(await appliedVersions()).toEqual(versionsUpTo(LATEST_SCHEMA_VERSION));
    });

    it('applies each migration once when several nodes migrate at the same moment', async () => {
      const stores = await Promise.all(Array.from({ length: 4 }, () => db.open({ poolSize: 1 })));
      for (const store of stores) expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(await appliedVersions()).toEqual(versionsUpTo(LATEST_SCHEMA_VERSION));
    });

    it('refuses an unmigrated schema by default, names the fix, and creates nothing', async () => {
      const opening = PostgresStore.open({ connectionString: testDatabaseUrl(), schema: db.schema });
      await expect(opening).rejects.toThrow(
        `database schema version 0 is older than this akm requires (${LATEST_SCHEMA_VERSION}); run \`akm migrate\``,
      );
      const exists = await withRawClient((client) =>
        client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [db.schema]),
      );
      expect(exists.rowCount).toBe(0);
    });

    it('refuses a schema written by a newer akm, without touching it', async () => {
      await db.open();
      const newer = LATEST_SCHEMA_VERSION + 1;
      await withRawClient((client) =>
        client.query(
          `INSERT INTO ${escapeIdentifier(db.schema)}.schema_migrations (version, name, applied_at) VALUES ($1, 'future', 0)`,
          [newer],
        ),
      );
      const message = `database schema version ${newer} is newer than this akm supports (${LATEST_SCHEMA_VERSION}); upgrade akm`;
      await expect(db.open()).rejects.toThrow(message);
      await expect(db.open({ migrate: false })).rejects.toThrow(message);
      expect(await appliedVersions()).toEqual(versionsUpTo(newer));
    });

    it('keeps data across close and re-open without migrating', async () => {
      const first = await db.open();
      const { account, rootKey } = await seedAccount(first);
      const user = await seedUser(first, account.accountId, 'alice');
      await first.setMeta('k', 'v');
      await first.close();
      await first.close();

      const second = await db.open({ migrate: false });
      expect(await second.getAccount(account.accountId)).toEqual(account);
      expect(await second.getAccessKey(rootKey.accessKeyId)).toEqual(rootKey);
      expect(await second.getUserByName(account.accountId, 'ALICE')).toEqual(user);
      expect(await second.getMeta('k')).toBe('v');
    });

    it('keeps schemas apart on one database', async () => {
      const other = useTestSchema();
      try {
        const mine = await db.open();
        const theirs = await other.open();
        const { account } = await seedAccount(mine);
        expect(await theirs.getAccount(account.accountId)).toBeUndefined();
      } finally {
        await other.cleanup();
      }
    });

    it('rejects a schema name that is not a plain identifier', async () => {
      await expect(db.open({ schema: 'x"; DROP TABLE users; --' })).rejects.toThrow(RangeError);
    });

    it('answers SERVICE_UNAVAILABLE, quickly and without crashing, when nothing listens', async () => {
      const started = Date.now();
      const refused = withHostPort(testDatabaseUrl(), '127.0.0.1', 1);
      const outcome = await db.open({ connectionString: refused, connectTimeoutMs: 2000 }).catch((e) => e);
      expect(isAkmError(outcome, 'SERVICE_UNAVAILABLE')).toBe(true);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('answers SERVICE_UNAVAILABLE after close, and ping false', async () => {
      const store = await db.open();
      await store.close();
      expect(await store.ping()).toBe(false);
      const outcome = await store.getAccount('1000000000000001').catch((e) => e);
      expect(isAkmError(outcome, 'SERVICE_UNAVAILABLE')).toBe(true);
    });
  });
});
