/**
 * Online snapshots of an akm SQLite database and checks of a database file, for `akm backup` and
 * `akm restore`. See https://www.sqlite.org/backup.html for the backup API's guarantees.
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { assertSchemaNotNewer } from '../schema-version.js';
import { readSqliteSchemaVersion } from './sqlite-migrator.js';

/** What an akm database file holds, as backup and restore report it. */
export interface AkmDatabaseSummary {
  readonly schemaVersion: number;
  readonly accounts: number;
  readonly users: number;
  readonly keys: number;
  /** The `meta` entries (e.g. the master key check value); a handful of short strings. */
  readonly meta: Readonly<Record<string, string>>;
}

/** How long the snapshot's connection waits for a lock (only WAL recovery takes one readers wait on). */
const BUSY_TIMEOUT_MS = 5000;

/** Pages per backup step: all of them, so the copy is one read transaction (see below). */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the database at `source` — typically live, written by a server in another process — into the
 * new file `target`, using SQLite's online backup API on a connection of its own. The first step only
 * measures; the second copies every page inside one read transaction, so the copy is the database as of
 * one commit (a write by another connection between steps restarts the copy, which then again runs as
 * one step). In WAL mode that read transaction blocks no writer. The copy is then switched to a rollback
 * journal, so it is one self-contained file.
 */
export async function snapshotSqlite(source: string, target: string): Promise<void> {
  // Read-write: a read-only connection cannot open a WAL database whose -shm file does not exist yet.
  const db = new Database(source, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    await db.backup(target, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Removes a database file with any journal, WAL or shared-memory file SQLite left beside it. */
export function removeSqliteFiles(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

function count(db: Database.Database, table: 'accounts' | 'users' | 'access_keys'): number {
  return db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n ?? 0;
}

/** Reads the summary; the file is known to be an intact database at a supported schema version. */
function summarise(db: Database.Database, schemaVersion: number): AkmDatabaseSummary {
  const meta: Record<string, string> = {};
  for (const row of db.prepare<[], { key: string; value: string }>('SELECT key, value FROM meta').all()) {
    meta[row.key] = row.value;
  }
  return {
    schemaVersion,
    accounts: count(db, 'accounts'),
    users: count(db, 'users'),
    keys: count(db, 'access_keys'),
    meta,
  };
}

/**
 * Checks that `path` is an intact akm SQLite database that this akm can serve — SQLite's integrity check
 * passes and the schema version is one this akm knows (older ones are migrated when served) — and
 * summarises it. Throws an Error naming the first problem (a SchemaVersionError for a newer schema).
 */
export function inspectAkmDatabase(path: string): AkmDatabaseSummary {
  const db = new Database(path, { fileMustExist: true });
  try {
    const verdict = db.pragma('integrity_check', { simple: true });
    if (verdict !== 'ok') throw new Error(`${path} fails SQLite's integrity check: ${String(verdict)}`);
    const version = readSqliteSchemaVersion(db);
    if (version === 0) throw new Error(`${path} is an SQLite database, but not an akm one`);
    assertSchemaNotNewer(version);
    return summarise(db, version);
  } catch (error) {
    // SQLite only notices that a file is not a database when it first reads it.
    if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') {
      throw new Error(`${path} is not an SQLite database`);
    }
    throw error;
  } finally {
    db.close();
  }
}
