/** Helpers for the admin tests: a throw-away initialised data dir and raw reads of its database. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Config } from '../config/config-schema.js';
import { loadConfig } from '../config/load-config.js';
import { KeyringSecretBox } from '../crypto/keyring-secret-box.js';
import { fixedKeySource } from '../crypto/master-key.js';
import { SILENT_LOGGER } from '../logging/json-logger.js';
import { initDataDir, openRuntime } from '../main.js';
import { sqlitePath } from '../open-store.js';
import { type CreatedAccount, createAccount } from '../service/create-account.js';

/** A scratch directory holding an initialised data dir (`<root>/data`) and room for other files. */
export interface ScratchDataDir {
  readonly root: string;
  readonly config: Config;
  readonly accounts: readonly CreatedAccount[];
  /** The config of another data dir under the same scratch root. */
  configFor(name: string, env?: Readonly<Record<string, string>>): Config;
  cleanup(): void;
}

/** Initialises `<scratch>/data` with `accounts` accounts (each with its root key). */
export async function scratchDataDir(accounts = 3): Promise<ScratchDataDir> {
  const root = mkdtempSync(join(tmpdir(), 'akm-admin-'));
  const configFor = (name: string, env: Readonly<Record<string, string>> = {}) =>
    loadConfig({ 'data-dir': join(root, name) }, env);
  const config = configFor('data');
  const created = [await initDataDir(config, SILENT_LOGGER)];
  const runtime = await openRuntime(config, SILENT_LOGGER);
  try {
    while (created.length < accounts) created.push(await createAccount(runtime.deps, { userName: null }));
  } finally {
    await runtime.close();
  }
  return {
    root,
    config,
    accounts: created,
    configFor,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Every AccessKey's stored sealed secret and the meta entries of the data dir's (or `file`'s) database, read without akm. */
export function readRawStore(from: Config | string): {
  secrets: Map<string, string>;
  meta: Map<string, string>;
} {
  const path = typeof from === 'string' ? from : sqlitePath(from);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[], { id: string; sealed: string }>(
        'SELECT access_key_id AS id, encrypted_secret AS sealed FROM access_keys',
      )
      .all();
    const meta = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM meta').all();
    return {
      secrets: new Map(rows.map((row) => [row.id, row.sealed])),
      meta: new Map(meta.map((row) => [row.key, row.value])),
    };
  } finally {
    db.close();
  }
}

/** Whether `key` alone opens `sealed` for `accessKeyId`. */
export function opensWith(key: Uint8Array, accessKeyId: string, sealed: string): boolean {
  try {
    new KeyringSecretBox(fixedKeySource(key)).open(sealed, accessKeyId);
    return true;
  } catch {
    return false;
  }
}
