/**
 * `akm restore`: places a backup as the SQLite store of a new data dir. It never overwrites a store:
 * the target must be empty (or hold only the master key file), and the database is linked into place,
 * which fails instead of replacing a store that appeared meanwhile. It never invents a master key: the
 * operator supplies the one backed up separately, and any key given is checked against the backup.
 */
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Config } from '../config/config-schema.js';
import { KeyringSecretBox } from '../crypto/keyring-secret-box.js';
import { decodeMasterKey, fixedKeySource, readMasterKeyFile } from '../crypto/master-key.js';
import { MASTER_KEY_CHECK, opensCheckValue } from '../crypto/master-key-check.js';
import { masterKeyPath, StartupError } from '../main.js';
import { DATABASE_FILE, sqlitePath } from '../open-store.js';
import {
  type AkmDatabaseSummary,
  inspectAkmDatabase,
  removeSqliteFiles,
} from '../storage/sqlite/sqlite-backup.js';
import { writeNewKeyFile } from './key-files.js';
import { fsyncPath, placeFile, tempPathBeside } from './place-file.js';

/** What happened to the master key: written from `--master-key-file`, checked, or still to be supplied. */
export type RestoredKeyState = 'installed' | 'verified' | 'missing';

/** What `akm restore` did. */
export interface RestoreReport {
  readonly dataDir: string;
  readonly database: string;
  readonly bytes: number;
  readonly schemaVersion: number;
  readonly accounts: number;
  readonly users: number;
  readonly keys: number;
  readonly masterKey: RestoredKeyState;
}

/** A master key from somewhere, with a name for messages. */
interface GivenKey {
  readonly key: Buffer;
  readonly source: string;
}

/**
 * Refuses a target that holds anything but the master key file. A server serving a data dir keeps
 * akm.db, akm.db-wal and akm.db-shm there, so "holds nothing of a store" also means "no server has it".
 */
function checkTargetEmpty(config: Config): void {
  if (!existsSync(config.dataDir)) return;
  if (!statSync(config.dataDir).isDirectory()) throw new StartupError(`${config.dataDir} is not a directory`);
  const keyFile = resolve(masterKeyPath(config));
  const allowed = dirname(keyFile) === resolve(config.dataDir) ? basename(keyFile) : undefined;
  const entries = readdirSync(config.dataDir).filter((name) => name !== allowed);
  if (entries.some((name) => name.startsWith(DATABASE_FILE))) {
    throw new StartupError(
      `${config.dataDir} already holds an akm store (a server may be using it); restore never overwrites one: choose a new data dir`,
    );
  }
  if (entries.length > 0) {
    throw new StartupError(`${config.dataDir} is not empty (${entries.join(', ')}); choose a new data dir`);
  }
}

/** The keys to check against the backup: the one to install, the environment's, or one already placed. */
function givenKeys(
  config: Config,
  masterKeyFile: string | undefined,
): { install?: GivenKey; check: GivenKey[] } {
  const check: GivenKey[] = [];
  let install: GivenKey | undefined;
  if (masterKeyFile) {
    const key = readMasterKeyFile(masterKeyFile);
    if (!key) throw new StartupError(`${masterKeyFile} does not exist`);
    install = { key, source: masterKeyFile };
    check.push(install);
  }
  if (config.masterKey)
    check.push({ key: decodeMasterKey(config.masterKey, 'AKM_MASTER_KEY'), source: 'AKM_MASTER_KEY' });
  const placed = readMasterKeyFile(masterKeyPath(config));
  if (placed) check.push({ key: placed, source: masterKeyPath(config) });
  if (install && placed && !install.key.equals(placed)) {
    throw new StartupError(`${masterKeyPath(config)} already holds a different master key`);
  }
  return install ? { install, check } : { check };
}

/** Refuses a key that does not open the backup's check value. */
function checkKeys(summary: AkmDatabaseSummary, keys: readonly GivenKey[]): void {
  const checkValue = summary.meta[MASTER_KEY_CHECK];
  if (checkValue === undefined) return;
  for (const { key, source } of keys) {
    if (!opensCheckValue(new KeyringSecretBox(fixedKeySource(key)), checkValue)) {
      throw new StartupError(
        `the master key from ${source} does not match this backup; nothing was restored`,
      );
    }
  }
}

/** Copies the backup beside its final place, checks it and the keys, and links it into place. */
function placeDatabase(config: Config, from: string, keys: readonly GivenKey[]): AkmDatabaseSummary {
  const database = sqlitePath(config);
  const temp = tempPathBeside(database);
  try {
    copyFileSync(from, temp, constants.COPYFILE_EXCL);
    let summary: AkmDatabaseSummary;
    try {
      summary = inspectAkmDatabase(temp);
    } catch (error) {
      throw new StartupError(
        `${from}: ${error instanceof Error ? error.message.replace(temp, 'the backup') : error}`,
      );
    }
    checkKeys(summary, keys);
    fsyncPath(temp);
    placeFile(temp, database, false);
    return summary;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new StartupError(
        `a store appeared in ${config.dataDir} during the restore; it was left untouched`,
      );
    }
    throw error;
  } finally {
    removeSqliteFiles(temp);
  }
}

/** Restores the backup `from` into the configured (new) data dir; installs `masterKeyFile` when given. */
export function restoreDataDir(
  config: Config,
  from: string,
  masterKeyFile: string | undefined,
): RestoreReport {
  if (!existsSync(from) || !statSync(from).isFile()) throw new StartupError(`${from} is not a file`);
  checkTargetEmpty(config);
  const keys = givenKeys(config, masterKeyFile);
  const created = !existsSync(config.dataDir);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  let summary: AkmDatabaseSummary;
  try {
    summary = placeDatabase(config, from, keys.check);
  } catch (error) {
    if (created) rmdirSync(config.dataDir);
    throw error;
  }
  if (keys.install && !readMasterKeyFile(masterKeyPath(config)))
    writeNewKeyFile(masterKeyPath(config), keys.install.key);
  const { schemaVersion, accounts, users, keys: accessKeys } = summary;
  const masterKey: RestoredKeyState = keys.install
    ? 'installed'
    : keys.check.length > 0
      ? 'verified'
      : 'missing';
  const database = resolve(sqlitePath(config));
  const report = { dataDir: resolve(config.dataDir), database, bytes: statSync(database).size };
  return { ...report, schemaVersion, accounts, users, keys: accessKeys, masterKey };
}
