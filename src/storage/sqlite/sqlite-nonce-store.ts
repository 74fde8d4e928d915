/** Replay protection persisted in the SQLite `nonces` table: survives restarts, shared by processes on one file. */
import type Database from 'better-sqlite3';
import type { Clock, NonceStore } from '../../domain/ports.js';

/** Tuning of a {@link SqliteNonceStore}. */
export interface SqliteNonceStoreOptions {
  /** Time source compared with `expiresAt`; the same clock that computes it. Default: the system clock. */
  readonly clock?: Clock;
  /** How often expired nonces are deleted. Default 30000 ms. */
  readonly sweepIntervalMs?: number;
}

const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/*
 * One statement decides freshness atomically (SQLite serialises writers): a new pair inserts; an existing
 * pair is overwritten only when its previous use has expired; a row comes back only in those two cases.
 * Persisting costs one small write per signed request, and buys replay protection across restarts and
 * across several akm processes serving one data dir, which an in-memory set cannot give.
 */
const REMEMBER = `INSERT INTO nonces (access_key_id, nonce, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (access_key_id, nonce) DO UPDATE SET expires_at = excluded.expires_at
  WHERE nonces.expires_at <= ?
  RETURNING 1 AS fresh`;

const SWEEP = 'DELETE FROM nonces WHERE expires_at <= ?';

/** The SQLite {@link NonceStore}; `close()` stops the sweep (the connection belongs to the store). */
export class SqliteNonceStore implements NonceStore {
  readonly #clock: Clock;
  readonly #remember: Database.Statement<[string, string, number, number], { fresh: number }>;
  readonly #sweep: Database.Statement<[number]>;
  readonly #timer: NodeJS.Timeout;

  constructor(db: Database.Database, options: SqliteNonceStoreOptions = {}) {
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    this.#remember = db.prepare(REMEMBER);
    this.#sweep = db.prepare(SWEEP);
    this.#timer = setInterval(() => this.#sweepQuietly(), options.sweepIntervalMs ?? 30_000);
    // Housekeeping must not keep the process alive on its own.
    this.#timer.unref();
  }

  async remember(accessKeyId: string, nonce: string, expiresAt: Date): Promise<boolean> {
    const now = this.#clock.now().getTime();
    return this.#remember.get(accessKeyId, nonce, expiresAt.getTime(), now) !== undefined;
  }

  /** Deletes expired nonces; returns how many. */
  sweep(): number {
    return this.#sweep.run(this.#clock.now().getTime()).changes;
  }

  close(): void {
    clearInterval(this.#timer);
  }

  #sweepQuietly(): void {
    try {
      this.sweep();
    } catch {
      // The store may be closing or busy; the next tick tries again.
    }
  }
}
