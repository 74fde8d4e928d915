/** Raw checks for the rotation suites: which stored sealed values open under which master key. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { escapeIdentifier } from 'pg';
import { KeyringSecretBox } from '../../src/crypto/keyring-secret-box.js';
import { fixedKeySource, readMasterKeyFile } from '../../src/crypto/master-key.js';
import { MASTER_KEY_CHECK } from '../../src/crypto/master-key-check.js';
import { withRawClient } from '../../src/storage/postgres/postgres-test-support.js';

/** One stored sealed value with the associated data it was sealed for. */
export interface SealedRow {
  readonly aad: string;
  readonly sealed: string;
}

/** Every AccessKey secret and the master key check value of a data dir's database, read without akm. */
export function sqliteSealedRows(dataDir: string): SealedRow[] {
  const db = new Database(join(dataDir, 'akm.db'), { readonly: true, fileMustExist: true });
  try {
    const keys = db
      .prepare<[], SealedRow>('SELECT access_key_id AS aad, encrypted_secret AS sealed FROM access_keys')
      .all();
    const check = db
      .prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?')
      .get(MASTER_KEY_CHECK);
    return check ? [...keys, { aad: MASTER_KEY_CHECK, sealed: check.value }] : keys;
  } finally {
    db.close();
  }
}

/** The same rows of a PostgreSQL schema, read without akm. */
export async function postgresSealedRows(schema: string): Promise<SealedRow[]> {
  return withRawClient(async (client) => {
    const keys = await client.query<SealedRow>(
      `SELECT access_key_id AS aad, encrypted_secret AS sealed FROM ${escapeIdentifier(schema)}.access_keys`,
    );
    const check = await client.query<{ value: string }>(
      `SELECT value FROM ${escapeIdentifier(schema)}.meta WHERE key = $1`,
      [MASTER_KEY_CHECK],
    );
    return [...keys.rows, ...check.rows.map((row) => ({ aad: MASTER_KEY_CHECK, sealed: row.value }))];
  });
}

/** The rows that `key` alone opens. */
export function openedBy(key: Uint8Array, rows: readonly SealedRow[]): SealedRow[] {
  const box = new KeyringSecretBox(fixedKeySource(key));
  return rows.filter(({ aad, sealed }) => {
    try {
      box.open(sealed, aad);
      return true;
    } catch {
      return false;
    }
  });
}

/** The key in a key file; fails when there is none. */
export function keyIn(path: string): Buffer {
  const key = readMasterKeyFile(path);
  if (!key) throw new Error(`no master key in ${path}`);
  return key;
}
