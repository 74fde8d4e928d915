/**
 * `akm backup`: an online, consistent snapshot of a data dir's SQLite store into one file, taken while
 * a server keeps serving and written atomically. Secrets stay sealed in it; the master key is not
 * copied (it is backed up separately).
 */
import { chmodSync, existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Config } from '../config/config-schema.js';
import { StartupError } from '../main.js';
import { DATABASE_FILE, sqlitePath } from '../open-store.js';
import { inspectAkmDatabase, removeSqliteFiles, snapshotSqlite } from '../storage/sqlite/sqlite-backup.js';
import { fsyncPath, placeFile, tempPathBeside } from './place-file.js';

/** What `akm backup` wrote. */
export interface BackupReport {
  readonly file: string;
  readonly bytes: number;
  readonly schemaVersion: number;
  readonly accounts: number;
  readonly users: number;
  readonly keys: number;
}

/** The database file and its companions, which a backup must never be written over. */
function isStoreFile(path: string, dataDir: string): boolean {
  const sameDir = realpathSync(dirname(path)) === realpathSync(dataDir);
  return sameDir && basename(path).startsWith(DATABASE_FILE);
}

/** Refuses what cannot or must not be written; returns the absolute target path. */
function checkTarget(config: Config, out: string, force: boolean): string {
  const target = resolve(out);
  if (!existsSync(sqlitePath(config))) {
    throw new StartupError(`${config.dataDir} holds no akm database (${DATABASE_FILE})`);
  }
  if (!existsSync(dirname(target))) throw new StartupError(`the directory of ${out} does not exist`);
  if (isStoreFile(target, config.dataDir))
    throw new StartupError(`${out} is the live store; choose another file`);
  if (!force && existsSync(target)) {
    throw new StartupError(`${out} already exists; refusing to overwrite it (use --force)`);
  }
  return target;
}

/** Takes the snapshot into a temporary file beside `out`, checks it, and moves it into place. */
export async function backupDataDir(config: Config, out: string, force: boolean): Promise<BackupReport> {
  const target = checkTarget(config, out, force);
  const temp = tempPathBeside(target);
  try {
    await snapshotSqlite(sqlitePath(config), temp);
    const summary = inspectAkmDatabase(temp);
    chmodSync(temp, 0o600);
    fsyncPath(temp);
    placeFile(temp, target, force);
    const { schemaVersion, accounts, users, keys } = summary;
    return { file: target, bytes: statSync(target).size, schemaVersion, accounts, users, keys };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new StartupError(`${out} appeared during the backup; refusing to overwrite it (use --force)`);
    }
    throw error;
  } finally {
    removeSqliteFiles(temp);
  }
}
