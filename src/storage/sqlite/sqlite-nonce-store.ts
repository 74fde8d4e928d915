/** Replay protection persisted in the SQLite `nonces` table: survives restarts, shared by processes on one file. */
import type Database from 'better-sqlite3';
import type { Clock, NonceStore } from '../../domain/ports.js';

/** Tuning of a {@link SqliteNonceStore}. */
export interface SqliteNonceStoreOptions {
  /** Time source compared with `expiresAt`; the same clock that computes it. Default: the system clock. */
  readonly clock?: Clock;
  /** How often expired nonces are deleted. Default 30000 ms. */
  readonly sweepIntervalMs?: number;
  /** How long new nonces wait to be written, in one batch. Default 10 ms. */
  readonly flushDelayMs?: number;
}

const SYSTEM_CLOCK: Clock = { now: () => new Date() };

const FIND = 'SELECT expires_at FROM nonces WHERE access_key_id = ? AND nonce = ?';
const STORE = `INSERT INTO nonces (access_key_id, nonce, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (access_key_id, nonce) DO UPDATE SET expires_at = excluded.expires_at`;
const SWEEP = 'DELETE FROM nonces WHERE expires_at <= ?';

interface Pending {
  readonly accessKeyId: string;
  readonly nonce: string;
  readonly expiresAt: number;
}

/**
 * The SQLite {@link NonceStore}. This process's nonces are authoritative in memory until written; older
 * ones (before a restart, or from another process on the file) are read from the table. New nonces are
 * written in one transaction per `flushDelayMs` instead of one commit per request, which is most of a
 * signed request's cost otherwise. The price, documented in the README: a `kill -9` loses at most the
 * last `flushDelayMs` of nonces, and a second server process on the same file sees another's nonces
 * only once written. `close()` writes what is pending and stops the sweep.
 */
export class SqliteNonceStore implements NonceStore {
  readonly #clock: Clock;
  readonly #find: Database.Statement<[string, string], { expires_at: number }>;
  readonly #writeBatch: (batch: readonly Pending[]) => void;
  readonly #sweep: Database.Statement<[number]>;
  readonly #sweeper: NodeJS.Timeout;
  readonly #flushDelayMs: number;
  #pending = new Map<string, Pending>();
  #flushTimer: NodeJS.Timeout | undefined;

  constructor(db: Database.Database, options: SqliteNonceStoreOptions = {}) {
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    this.#find = db.prepare(FIND);
    const store = db.prepare<[string, string, number]>(STORE);
    this.#writeBatch = db.transaction((batch: readonly Pending[]) => {
      for (const p of batch) store.run(p.accessKeyId, p.nonce, p.expiresAt);
    });
    this.#sweep = db.prepare(SWEEP);
    this.#flushDelayMs = options.flushDelayMs ?? 10;

    this.#sweeper = setInterval(() => this.#quietly(() => this.sweep()), options.sweepIntervalMs ?? 30_000);
    // Housekeeping must not keep the process alive on its own.
    this.#sweeper.unref();
  }

  async remember(accessKeyId: string, nonce: string, expiresAt: Date): Promise<boolean> {
    const now = this.#clock.now().getTime();
    // The separator cannot occur in an AccessKeyId, so distinct pairs never collide.
    const key = `${accessKeyId}\n${nonce}`;
    const pending = this.#pending.get(key);
    if (pending !== undefined && pending.expiresAt > now) return false;
    // Written nonces (this process's after a flush, a previous run's, another process's) are in the table.
    const stored = this.#find.get(accessKeyId, nonce);
    if (stored !== undefined && stored.expires_at > now) return false;
    this.#pending.set(key, { accessKeyId, nonce, expiresAt: expiresAt.getTime() });
    this.#flushTimer ??= setTimeout(() => this.#quietly(() => this.flush()), this.#flushDelayMs);
    return true;
  }

  /** Writes the pending nonces in one transaction. */
  flush(): void {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    if (this.#pending.size === 0) return;
    const batch = [...this.#pending.values()];
    this.#writeBatch(batch);
    // Only after the write: until then the memory copy is what refuses a replay.
    for (const p of batch) {
      const key = `${p.accessKeyId}\n${p.nonce}`;
      if (this.#pending.get(key) === p) this.#pending.delete(key);
    }
  }

  /** Deletes expired nonces; returns how many. */
  sweep(): number {
    return this.#sweep.run(this.#clock.now().getTime()).changes;
  }

  close(): void {
    clearInterval(this.#sweeper);
    this.#quietly(() => this.flush());
  }

  #quietly(work: () => unknown): void {
    try {
      work();
    } catch {
      // The store may be closing or busy; pending nonces stay in memory and the next turn tries again.
      this.#flushTimer ??= setTimeout(() => this.#quietly(() => this.flush()), this.#flushDelayMs * 10);
    }
  }
}
