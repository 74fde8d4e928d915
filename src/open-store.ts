/**
 * Opens the configured store — SQLite in the data dir, or PostgreSQL when a database URL is given — with
 * its nonce store. Part of the composition root: the only code that knows both dialects exist.
 */
import { join } from 'node:path';
import type { Config } from './config/config-schema.js';
import type { Clock, Logger, NonceStore, Store } from './domain/ports.js';
import { PostgresStore } from './storage/postgres/postgres-store.js';
import { withReadCache } from './storage/read-cache.js';
import { SqliteStore } from './storage/sqlite/sqlite-store.js';

/**
 * How long a PostgreSQL node trusts a cached key, user, policy list or preference written by another
 * node: the bound on how long a key disabled through one node keeps working on another (issue: ≤ 1 s).
 */
export const POSTGRES_CACHE_TTL_MS = 500;

/** File name of the SQLite database inside the data dir. */
export const DATABASE_FILE = 'akm.db';

/**
 * Why the store is opened, which decides migrations: `init` and `migrate` apply them; `serve` on SQLite
 * migrates forward (one node owns the file), while on PostgreSQL, where several nodes share one schema,
 * an older schema is refused until an explicit `akm migrate`.
 */
export type OpenPurpose = 'init' | 'migrate' | 'serve';

/** An open store with its nonce store. */
export interface OpenedStore {
  readonly store: Store;
  readonly nonces: NonceStore;
  /** Where the data lives, for logs (never the password). */
  readonly location: string;
  schemaVersion(): Promise<number>;
  /** Closes the nonce store, then the store. */
  close(): Promise<void>;
}

/** The data dir's SQLite database path. */
export function sqlitePath(config: Config): string {
  return join(config.dataDir, DATABASE_FILE);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, '//$1@');
}

/** Opens the store `config` names, for `purpose`. */
export async function openStore(
  config: Config,
  purpose: OpenPurpose,
  clock: Clock,
  logger: Logger,
): Promise<OpenedStore> {
  if (config.databaseUrl) {
    const store = await PostgresStore.open({
      connectionString: config.databaseUrl,
      schema: config.databaseSchema,
      poolSize: config.databasePoolSize,
      connectTimeoutMs: config.databaseConnectTimeoutMs,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
      idleTimeoutMs: config.databaseIdleTimeoutMs,
      migrate: purpose !== 'serve',
      logger,
    });
    const nonces = store.createNonceStore({ clock, logger });
    return {
      // Other nodes give no change signal: a short time-to-live bounds how long their writes go unseen.
      store: withReadCache(store, {
        freshness: { kind: 'ttl', ttlMs: POSTGRES_CACHE_TTL_MS, now: () => performance.now() },
      }),
      nonces,
      location: `${redact(config.databaseUrl)} (schema ${config.databaseSchema})`,
      schemaVersion: () => store.schemaVersion(),
      async close() {
        await nonces.close();
        await store.close();
      },
    };
  }
  // Only a server has the request rate that makes a worker thread for housekeeping pay.
  const store = SqliteStore.open({ path: sqlitePath(config), background: purpose === 'serve' });
  const nonces = store.createNonceStore({ clock });
  return {
    store: withReadCache(store, { freshness: { kind: 'change-counter', read: () => store.dataVersion() } }),
    nonces,
    location: sqlitePath(config),
    schemaVersion: async () => store.schemaVersion(),
    async close() {
      await nonces.close();
      await store.close();
    },
  };
}
