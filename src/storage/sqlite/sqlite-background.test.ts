// The SQLite background worker: it checkpoints a server's WAL before commits reach SQLite's own
// threshold, and when it stops the nonce store claims its batches itself.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_USERS_PER_ACCOUNT } from '../../domain/limits.js';
import { makeAccount, makeRootKey, makeUser } from '../contract/fixtures.js';
import { SqliteBackground } from './sqlite-background.js';
import { nonceHash, openNonceFile, SqliteNonceStore } from './sqlite-nonce-store.js';
import { SqliteStore } from './sqlite-store.js';

describe('SqliteBackground', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'akm-background-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes some hundred pages into the WAL: fewer than SQLite's own checkpoint threshold. */
  async function writeUsers(store: SqliteStore): Promise<void> {
    const account = makeAccount();
    await store.createAccount(account, makeRootKey(account.accountId));
    for (let i = 0; i < 300; i += 1) {
      await store.createUser(makeUser(account.accountId, `user-${i}`), MAX_USERS_PER_ACCOUNT);
    }
  }

  it.each([
    [true, 'copies committed pages into the database file'],
    [false, 'leaves a small WAL alone without a worker (the control)'],
  ])('background %s: %s', async (background) => {
    const path = join(dir, 'akm.db');
    const store = SqliteStore.open({ path, background });
    const before = statSync(path).size;
    await writeUsers(store);
    if (background) await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before), 5000);
    else {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(statSync(path).size).toBe(before);
    }
    await store.close();
  });

  it('knows when its worker has stopped, whose claims the nonce store then makes itself', async () => {
    const broken = new SqliteBackground({
      databasePath: join(dir, 'akm.db'),
      noncePath: join(dir, 'missing', 'nonces.db'),
      busyTimeoutMs: 1000,
    });
    await vi.waitFor(() => expect(broken.running).toBe(false), 5000);

    const path = join(dir, 'nonces.db');
    const now = Date.now();
    const nonces = new SqliteNonceStore(openNonceFile(path, 1000), {}, broken);
    expect(await nonces.remember('K', 'n', new Date(now + 60_000))).toBe(true);
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT expires_at FROM nonces WHERE h = ?').get(nonceHash('K', 'n'))).toEqual({
      expires_at: now + 60_000,
    });
    check.close();
    await nonces.close();
    await broken.close();
  });
});
