/**
 * Replay protection persisted in its own SQLite file next to the main database: survives restarts, shared
 * by processes on one data dir. A file of its own because nonces are written on every signed request:
 * in the main database those commits would look like another process's changes and empty the read
 * cache (whose freshness signal is the main database's `data_version`) every few milliseconds.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Clock, NonceStore } from '../../domain/ports.js';
import { ClaimBatcher } from '../claim-batcher.js';

/** Nonces to claim: parallel arrays, so that they cross to a worker thread as plain typed arrays. */
export interface NonceBatch {
  readonly hashes: BigInt64Array;
  /** Epoch milliseconds after which each nonce may be used again. */
  readonly expiresAt: Float64Array;
  /** The time the claims are judged at: a stored nonce expired by then may be used again. */
  readonly now: number;
}

/** Where a batch is claimed: the server's worker thread, or the nonce store's own connection. */
export interface NonceClaims {
  /** Resolves, once committed, with 1 for each nonce that was free (now taken) and 0 for a replay. */
  claim(batch: NonceBatch): Promise<Uint8Array>;
}

/** Tuning of a {@link SqliteNonceStore}. */
export interface SqliteNonceStoreOptions {
  /** Time source compared with `expiresAt`; the same clock that computes it. Default: the system clock. */
  readonly clock?: Clock;
  /** How often expired nonces are deleted (when no background worker sweeps them). Default 30000 ms. */
  readonly sweepIntervalMs?: number;
}

const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/**
 * One row per (AccessKeyId, nonce) pair, keyed by 64 bits of its SHA-256: an integer key keeps the
 * table a single B-tree, which is what makes a write per signed request affordable. Two pairs sharing
 * a key (odds about 1 in 10^6 over a full 15-minute window at 10,000 requests/s) would refuse one
 * legitimate request as a replay, never accept one.
 */
export const NONCE_SCHEMA: readonly string[] = [
  'CREATE TABLE IF NOT EXISTS nonces (h INTEGER NOT NULL PRIMARY KEY, expires_at INTEGER NOT NULL)',
  'CREATE INDEX IF NOT EXISTS nonces_by_expiry ON nonces (expires_at)',
];

/**
 * Takes a nonce unless it is taken and unexpired: one atomic statement, so that two processes claiming
 * the same nonce at once cannot both succeed. `changes` is 1 when taken, 0 for a replay.
 */
export const CLAIM_NONCE =
  'INSERT INTO nonces (h, expires_at) VALUES (?, ?) ON CONFLICT (h) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at <= ?';

/** The table key of a nonce. */
export function nonceHash(accessKeyId: string, nonce: string): bigint {
  // The separator cannot occur in an AccessKeyId, so distinct pairs never hash the same input.
  return createHash('sha256').update(`${accessKeyId}\n${nonce}`).digest().readBigInt64BE(0);
}

/** Opens (creating if needed) a nonce file with the pragmas every connection to it uses. */
export function openNonceFile(path: string, busyTimeoutMs: number): Database.Database {
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    for (const statement of NONCE_SCHEMA) db.exec(statement);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The SQLite {@link NonceStore}. The nonces of one turn of the event loop are claimed together (see
 * {@link ClaimBatcher}), in one transaction, by the server's worker thread when there is one (so that the page writes of a nonce per
 * request stay off the request thread), else on this store's connection. A request is answered only
 * after its nonce is committed, so a crash loses no nonce of an answered request.
 */
export class SqliteNonceStore implements NonceStore {
  readonly #db: Database.Database;
  readonly #clock: Clock;
  readonly #claims: NonceClaims;
  readonly #local: NonceClaims;
  readonly #sweep: Database.Statement<[number]>;
  readonly #sweeper: NodeJS.Timeout | undefined;
  readonly #batcher = new ClaimBatcher<{ readonly hash: bigint; readonly expiresAt: number }>(
    async (items) => {
      const accepted = await this.#claim({
        hashes: BigInt64Array.from(items, (w) => w.hash),
        expiresAt: Float64Array.from(items, (w) => w.expiresAt),
        now: this.#clock.now().getTime(),
      });
      return Array.from(accepted, (a) => a === 1);
    },
  );

  /**
   * @param db - a connection to the nonce file from {@link openNonceFile}; the store closes it
   * @param background - the server's worker, which also sweeps; absent: claim and sweep on `db`
   */
  constructor(db: Database.Database, options: SqliteNonceStoreOptions = {}, background?: NonceClaims) {
    this.#db = db;
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    const claim = db.prepare<[bigint, number, number]>(CLAIM_NONCE);
    const claimAll = db.transaction((batch: NonceBatch) =>
      Uint8Array.from(batch.hashes, (h, i) => claim.run(h, batch.expiresAt[i] ?? 0, batch.now).changes),
    );
    this.#local = { claim: async (batch) => claimAll(batch) };
    this.#claims = background ?? this.#local;
    this.#sweep = db.prepare('DELETE FROM nonces WHERE expires_at <= ?');
    if (!background) {
      this.#sweeper = setInterval(() => this.#quietly(() => this.sweep()), options.sweepIntervalMs ?? 30_000);
      // Housekeeping must not keep the process alive on its own.
      this.#sweeper.unref();
    }
  }

  remember(accessKeyId: string, nonce: string, expiresAt: Date): Promise<boolean> {
    return this.#batcher.claim({ hash: nonceHash(accessKeyId, nonce), expiresAt: expiresAt.getTime() });
  }

  async #claim(batch: NonceBatch): Promise<Uint8Array> {
    try {
      return await this.#claims.claim(batch);
    } catch (error) {
      // The background worker has stopped: this connection takes over.
      if (this.#claims === this.#local) throw error;
      return this.#local.claim(batch);
    }
  }

  /** Deletes expired nonces; returns how many. */
  sweep(): number {
    return this.#sweep.run(this.#clock.now().getTime()).changes;
  }

  /** Answers the claims still waiting, stops the sweep and closes the connection. */
  async close(): Promise<void> {
    if (this.#sweeper) clearInterval(this.#sweeper);
    await this.#batcher.drain();
    if (this.#db.open) this.#db.close();
  }

  #quietly(work: () => unknown): void {
    try {
      work();
    } catch {
      // The file may be busy or closing; the next sweep tries again.
    }
  }
}
