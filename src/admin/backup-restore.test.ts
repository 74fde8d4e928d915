// Backup and restore in-process: what the files hold, what is refused, and that a restore never overwrites
// a store or accepts a master key that does not match the backup.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateMasterKey, MASTER_KEY_FILE, readMasterKeyFile } from '../crypto/master-key.js';
import { SILENT_LOGGER } from '../logging/json-logger.js';
import { masterKeyPath, openRuntime } from '../main.js';
import { sqlitePath } from '../open-store.js';
import { LATEST_SCHEMA_VERSION } from '../storage/migrations.js';
import { readRawStore, type ScratchDataDir, scratchDataDir } from './admin-test-support.js';
import { backupDataDir } from './backup-data-dir.js';
import { restoreDataDir } from './restore-data-dir.js';

let scratch: ScratchDataDir;
let backup = '';

beforeEach(async () => {
  scratch = await scratchDataDir();
  backup = join(scratch.root, 'akm.backup');
});

afterEach(() => {
  scratch.cleanup();
});

const masterKey = () => readMasterKeyFile(masterKeyPath(scratch.config)) ?? Buffer.alloc(0);

describe('backupDataDir', () => {
  it('writes one private SQLite file with the store as it is, and reports it', async () => {
    const report = await backupDataDir(scratch.config, backup, false);
    expect(report).toEqual({
      file: backup,
      bytes: statSync(backup).size,
      schemaVersion: LATEST_SCHEMA_VERSION,
      accounts: 3,
      users: 0,
      keys: 3,
    });
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(readFileSync(backup).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    // One self-contained file: rollback journal, nothing left beside it.
    const db = new Database(backup, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
    expect(readRawStore(backup)).toEqual(readRawStore(scratch.config));
  });

  it('keeps the secrets sealed and leaves the master key out', async () => {
    await backupDataDir(scratch.config, backup, false);
    const bytes = readFileSync(backup);
    for (const { accessKeySecret } of scratch.accounts) expect(bytes.includes(accessKeySecret)).toBe(false);
    expect(bytes.includes(masterKey().toString('base64'))).toBe(false);
  });

  it('refuses to overwrite a file unless forced', async () => {
    writeFileSync(backup, 'precious');
    await expect(backupDataDir(scratch.config, backup, false)).rejects.toThrow(
      /already exists; refusing to overwrite/,
    );
    expect(readFileSync(backup, 'utf8')).toBe('precious');
    await backupDataDir(scratch.config, backup, true);
    expect(readFileSync(backup).subarray(0, 6).toString()).toBe('SQLite');
  });

  it('refuses to write over the live store, or from a data dir without one', async () => {
    await expect(backupDataDir(scratch.config, sqlitePath(scratch.config), true)).rejects.toThrow(
      /is the live store/,
    );
    await expect(backupDataDir(scratch.configFor('missing'), backup, false)).rejects.toThrow(
      /holds no akm database/,
    );
    await expect(backupDataDir(scratch.config, join(scratch.root, 'no', 'such.db'), false)).rejects.toThrow(
      /does not exist/,
    );
  });
});

describe('restoreDataDir', () => {
  beforeEach(async () => {
    await backupDataDir(scratch.config, backup, false);
  });

  const target = (env: Readonly<Record<string, string>> = {}) => scratch.configFor('restored', env);
  const keyFileOf = () => join(scratch.root, 'key.backup');

  it('creates the data dir (0700), places the database and tells that the key is missing', async () => {
    const report = restoreDataDir(target(), backup, undefined);
    expect(report).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION, accounts: 3, users: 0, keys: 3 });
    expect(report.masterKey).toBe('missing');
    expect(statSync(target().dataDir).mode & 0o777).toBe(0o700);
    expect(readRawStore(target())).toEqual(readRawStore(scratch.config));
    expect(existsSync(masterKeyPath(target()))).toBe(false);
  });

  it('installs a matching key from --master-key-file (0600), and the restored store serves', async () => {
    writeFileSync(keyFileOf(), `${masterKey().toString('base64')}\n`);
    expect(restoreDataDir(target(), backup, keyFileOf()).masterKey).toBe('installed');
    expect(statSync(masterKeyPath(target())).mode & 0o777).toBe(0o600);
    expect(readMasterKeyFile(masterKeyPath(target()))?.equals(masterKey())).toBe(true);
    const runtime = await openRuntime(target(), SILENT_LOGGER);
    try {
      const { secrets } = readRawStore(target());
      for (const [id, sealed] of secrets) runtime.deps.secretBox.open(sealed, id);
      expect(secrets.size).toBe(3);
    } finally {
      await runtime.close();
    }
  });

  it('verifies a key already placed in the data dir, or given by AKM_MASTER_KEY', () => {
    mkdirSync(target().dataDir, { mode: 0o700 });
    writeFileSync(join(target().dataDir, MASTER_KEY_FILE), masterKey().toString('base64'), { mode: 0o600 });
    expect(restoreDataDir(target(), backup, undefined).masterKey).toBe('verified');
    const other = scratch.configFor('restored-env', { AKM_MASTER_KEY: masterKey().toString('base64') });
    expect(restoreDataDir(other, backup, undefined).masterKey).toBe('verified');
  });

  it.each([
    ['--master-key-file', (file: string) => [target(), file] as const],
    [
      'AKM_MASTER_KEY',
      () => [target({ AKM_MASTER_KEY: generateMasterKey().toString('base64') }), undefined] as const,
    ],
  ])('refuses a wrong key from %s and leaves nothing behind', (_, given) => {
    writeFileSync(keyFileOf(), generateMasterKey().toString('base64'));
    const [config, file] = given(keyFileOf());
    expect(() => restoreDataDir(config, backup, file)).toThrow(
      /does not match this backup; nothing was restored/,
    );
    expect(existsSync(config.dataDir)).toBe(false);
  });

  it.each([
    ['akm.db', /already holds an akm store/],
    ['akm.db-wal', /already holds an akm store/],
    ['akm.db-shm', /already holds an akm store/],
    ['notes.txt', /is not empty \(notes.txt\)/],
  ])('refuses a data dir holding %s, touching nothing', (name, message) => {
    mkdirSync(target().dataDir);
    writeFileSync(join(target().dataDir, name), 'x');
    expect(() => restoreDataDir(target(), backup, undefined)).toThrow(message);
    expect(readFileSync(join(target().dataDir, name), 'utf8')).toBe('x');
  });

  it('refuses the live data dir itself', () => {
    expect(() => restoreDataDir(scratch.config, backup, undefined)).toThrow(/already holds an akm store/);
  });

  it.each([
    [
      'a text file',
      () => writeFileSync(backup, 'not a database at all, just text'),
      /is not an SQLite database/,
    ],
    [
      'an SQLite database of something else',
      () => new Database(backup).exec('DROP TABLE schema_migrations').close(),
      /is an SQLite database, but not an akm one/,
    ],
    [
      'a database from a newer akm',
      () =>
        new Database(backup)
          .exec(`INSERT INTO schema_migrations VALUES (${LATEST_SCHEMA_VERSION + 1}, 'x', 0)`)
          .close(),
      /newer than this akm supports/,
    ],
  ])('refuses %s', (_, spoil, message) => {
    spoil();
    expect(() => restoreDataDir(target(), backup, undefined)).toThrow(message);
    expect(existsSync(target().dataDir)).toBe(false);
  });
});
