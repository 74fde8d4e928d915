/** Reads and advances the schema version of a PostgreSQL schema using the shared migration set. */
import { Client, type ClientBase, escapeIdentifier, type Pool } from 'pg';
import { MIGRATIONS, type Migration } from '../migrations.js';
import { assertSchemaNotNewer } from '../schema-version.js';
import { connectionConfig, type PostgresConnectionOptions, schemaOf } from './postgres-pool.js';

/** Anything that runs a query: the pool or one connection. */
type Queryable = Pool | ClientBase;

/** The highest applied migration version in `schema`, or 0 when akm has never migrated it. */
export async function readPostgresSchemaVersion(db: Queryable, schema: string): Promise<number> {
  // A query on the catalog tables, not to_regclass(): name lookups go through a per-connection cache that
  // may still say "no such schema" after another node's migration committed while this one waited.
  const probe = await db.query(
    `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = 'schema_migrations'`,
    [schema],
  );
  if (probe.rowCount === 0) return 0;
  const { rows } = await db.query<{ version: number | null }>(
    `SELECT MAX(version) AS version FROM ${escapeIdentifier(schema)}.schema_migrations`,
  );
  return rows[0]?.version ?? 0;
}

/** Creates the schema if missing; the privilege to do so is only needed when it really is missing. */
async function ensureSchema(db: ClientBase, schema: string): Promise<void> {
  const { rowCount } = await db.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  if (rowCount === 0) await db.query(`CREATE SCHEMA ${escapeIdentifier(schema)}`);
}

/**
 * Applies one migration in its own transaction. The transaction-scoped advisory lock (keyed by schema)
 * makes nodes that start together queue here; each re-reads the version under the lock, so every step
 * is applied exactly once and a loser simply finds it done. DDL is transactional in PostgreSQL, so a
 * failed step leaves nothing behind.
 */
async function applyMigration(db: ClientBase, schema: string, migration: Migration): Promise<void> {
  await db.query('BEGIN');
  try {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`akm.migrate:${schema}`]);
    const current = await readPostgresSchemaVersion(db, schema);
    assertSchemaNotNewer(current);
    if (current < migration.version) {
      if (current === 0) await ensureSchema(db, schema);
      for (const statement of migration.statements) await db.query(statement);
      await db.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        // Wall-clock time is right here: this is an operator's audit trail, not domain state.
        Date.now(),
      ]);
    }
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Applies every pending migration to the configured schema. Runs on a dedicated connection without the
 * request statement timeout: waiting for another node's migration, or a long DDL step, is expected here.
 * Throws (and changes nothing) when the schema is newer than this akm.
 */
export async function migratePostgres(options: PostgresConnectionOptions): Promise<void> {
  const schema = schemaOf(options);
  const client = new Client(connectionConfig(options));
  // A lost connection also fails the pending query, which is what reports it; this only keeps the
  // 'error' event from crashing the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    assertSchemaNotNewer(await readPostgresSchemaVersion(client, schema));
    for (const migration of MIGRATIONS) await applyMigration(client, schema, migration);
  } finally {
    await client.end().catch(() => undefined);
  }
}
