/** Reads and advances the schema version of a SQLite database using the shared migration set. */
import type Database from 'better-sqlite3';
import { MIGRATIONS } from '../migrations.js';
import { assertSchemaNotNewer } from '../schema-version.js';

/** The highest applied migration version, or 0 for a database akm has never touched. */
export function readSqliteSchemaVersion(db: Database.Database): number {
  // Prepared on demand: schema_migrations does not exist before the first migration.
  const table = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
    )
    .get();
  if (table === undefined) return 0;
  const row = db
    .prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations')
    .get();
  return row?.version ?? 0;
}

/**
 * Applies every pending migration, each in its own BEGIN IMMEDIATE transaction that re-reads the
 * version first, so two processes migrating the same file at once apply each step exactly once.
 * Throws (and changes nothing) when the database is newer than this akm.
 */
export function migrateSqlite(db: Database.Database): void {
  assertSchemaNotNewer(readSqliteSchemaVersion(db));
  for (const migration of MIGRATIONS) {
    const apply = db.transaction(() => {
      const current = readSqliteSchemaVersion(db);
      assertSchemaNotNewer(current);
      if (current >= migration.version) return;
      for (const statement of migration.statements) db.exec(statement);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        // Wall-clock time is right here: this is an operator's audit trail, not domain state.
        Date.now(),
      );
    });
    apply.immediate();
  }
}
