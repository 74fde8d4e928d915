/** Replay protection shared by every akm node on one PostgreSQL database (the `nonces` table). */
import type { Pool } from 'pg';
import type { Clock, Logger, NonceStore } from '../../domain/ports.js';
import { toStoreError } from './postgres-errors.js';

/** Tuning of a {@link PostgresNonceStore}; the defaults suit any realistic request rate. */
export interface PostgresNonceStoreOptions {
  /** Time source compared with `expiresAt`; the same clock that computes it. Default: the system clock. */
  readonly clock?: Clock;
  /** How often expired nonces are deleted. Default 30000 ms. */
  readonly sweepIntervalMs?: number;
  /** Most rows one sweep statement deletes, so a sweep never holds locks or bloats WAL for long. Default 1000. */
  readonly sweepBatchSize?: number;
  /** Receives sweep failures (e.g. the database is down); the next tick simply tries again. */
  readonly logger?: Logger;
}

const SYSTEM_CLOCK: Clock = { now: () => new Date() };
const DEFAULT_SWEEP_INTERVAL_MS = 30_000;
const DEFAULT_SWEEP_BATCH_SIZE = 1000;
/** Bounds one sweep, so a huge backlog is worked off over several ticks rather than in one long loop. */
const MAX_BATCHES_PER_SWEEP = 100;

/*
 * One statement decides freshness atomically on every node: a new pair inserts; an existing pair is
 * overwritten only when its previous use has expired. A row comes back only in those two cases, so
 * concurrent requests with one nonce get exactly one "fresh" answer, wherever they land.
 */
const REMEMBER = `INSERT INTO nonces (access_key_id, nonce, expires_at) VALUES ($1, $2, $3)
  ON CONFLICT (access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
  WHERE nonces.expires_at <= $4
  RETURNING 1 AS fresh`;

// SKIP LOCKED: nodes sweeping at the same moment take different rows instead of queueing on each other.
const SWEEP = `DELETE FROM nonces WHERE (access_key_id, nonce) IN (
  SELECT access_key_id, nonce FROM nonces WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`;

/*
 * Durability: the table is an ordinary (logged) table. UNLOGGED would save a WAL write per request, but
 * PostgreSQL empties unlogged tables after a crash and never replicates them, so a failover would forget
 * every nonce still inside the signature window and let captured requests be replayed once; it is also
 * not supported by some PostgreSQL-compatible engines. Replay protection is worth the write.
 */

/**
 * The PostgreSQL {@link NonceStore}. Uses a pool it does not own (normally the store's); `close()` only
 * stops the periodic sweep. A lost database makes `remember` fail with SERVICE_UNAVAILABLE, so a request
 * whose nonce cannot be checked is refused rather than let through.
 */
export class PostgresNonceStore implements NonceStore {
  readonly #clock: Clock;
  readonly #batchSize: number;
  readonly #logger: Logger | undefined;
  readonly #timer: NodeJS.Timeout;
  #sweeping = false;

  constructor(
    private readonly pool: Pool,
    options: PostgresNonceStoreOptions = {},
  ) {
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    this.#batchSize = options.sweepBatchSize ?? DEFAULT_SWEEP_BATCH_SIZE;
    this.#logger = options.logger;
    this.#timer = setInterval(
      () => void this.#sweepQuietly(),
      options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS,
    );
    // The sweep is housekeeping: it must not keep the process alive on its own.
    this.#timer.unref();
  }

  async remember(accessKeyId: string, nonce: string, expiresAt: Date): Promise<boolean> {
    const now = this.#clock.now().getTime();
    try {
      const { rowCount } = await this.pool.query(REMEMBER, [accessKeyId, nonce, expiresAt.getTime(), now]);
      return rowCount === 1;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** Deletes expired nonces in bounded batches; returns how many rows it deleted. */
  async sweep(): Promise<number> {
    const now = this.#clock.now().getTime();
    let deleted = 0;
    try {
      for (let batch = 0; batch < MAX_BATCHES_PER_SWEEP; batch += 1) {
        const { rowCount } = await this.pool.query(SWEEP, [now, this.#batchSize]);
        deleted += rowCount ?? 0;
        if ((rowCount ?? 0) < this.#batchSize) break;
      }
    } catch (error) {
      throw toStoreError(error);
    }
    return deleted;
  }

  /** Stops the periodic sweep. */
  close(): void {
    clearInterval(this.#timer);
  }

  /** A timer tick: never overlaps a running sweep and never throws (the next tick retries). */
  async #sweepQuietly(): Promise<void> {
    if (this.#sweeping) return;
    this.#sweeping = true;
    try {
      await this.sweep();
    } catch (error) {
      this.#logger?.warn('nonce sweep failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      this.#sweeping = false;
    }
  }
}
