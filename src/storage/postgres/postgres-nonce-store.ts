/** Replay protection shared by every akm node on one PostgreSQL database (the `nonces` table). */
import type { Pool } from 'pg';
import type { Clock, Logger, NonceStore } from '../../domain/ports.js';
import { ClaimBatcher } from '../claim-batcher.js';
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
 * concurrent requests with one nonce get exactly one "fresh" answer, wherever they land. The statement
 * takes a whole batch (the nonces of one turn of the event loop, without repeats: ON CONFLICT may not
 * touch a row twice in one statement), so that a busy node pays one round trip for many requests.
 */
const CLAIM = `INSERT INTO nonces (access_key_id, nonce, expires_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
  ON CONFLICT (access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
  WHERE nonces.expires_at <= $4
  RETURNING access_key_id, nonce`;

// SKIP LOCKED: nodes sweeping at the same moment take different rows instead of queueing on each other.
const SWEEP = `DELETE FROM nonces WHERE (access_key_id, nonce) IN (
  SELECT access_key_id, nonce FROM nonces WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`;

/*
 * Durability: the table is an ordinary (logged) table. UNLOGGED would save a WAL write per request, but
 * PostgreSQL empties unlogged tables after a crash and never replicates them, so a failover would forget
 * every nonce still inside the signature window and let captured requests be replayed once; it is also
 * not supported by some PostgreSQL-compatible engines. Replay protection is worth the write.
 */

interface Claim {
  readonly accessKeyId: string;
  readonly nonce: string;
  readonly expiresAt: number;
}

/** Distinct (AccessKeyId, nonce) pairs cannot share this key: the separator is not in an AccessKeyId. */
const pairKey = (accessKeyId: string, nonce: string) => `${accessKeyId}\n${nonce}`;

/**
 * The PostgreSQL {@link NonceStore}. Uses a pool it does not own (normally the store's); `close()` answers
 * the claims still waiting and stops the periodic sweep. Claims go to the database in batches (see
 * {@link ClaimBatcher}). A lost database makes `remember` fail with SERVICE_UNAVAILABLE,
 * so a request whose nonce cannot be checked is refused rather than let through.
 */
export class PostgresNonceStore implements NonceStore {
  readonly #clock: Clock;
  readonly #batchSize: number;
  readonly #logger: Logger | undefined;
  readonly #timer: NodeJS.Timeout;
  #sweeping = false;
  readonly #batcher = new ClaimBatcher<Claim>((claims) => this.#claimAll(claims));

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

  remember(accessKeyId: string, nonce: string, expiresAt: Date): Promise<boolean> {
    return this.#batcher.claim({ accessKeyId, nonce, expiresAt: expiresAt.getTime() });
  }

  async #claimAll(claims: readonly Claim[]): Promise<boolean[]> {
    // A pair repeated within the batch is a replay of its first occurrence, whatever the database says.
    const keyed = claims.map((claim) => ({ claim, key: pairKey(claim.accessKeyId, claim.nonce) }));
    const firsts = new Map<string, Claim>();
    for (const { claim, key } of keyed) if (!firsts.has(key)) firsts.set(key, claim);
    const distinct = [...firsts.values()];
    const params = [
      distinct.map((c) => c.accessKeyId),
      distinct.map((c) => c.nonce),
      distinct.map((c) => c.expiresAt),
      this.#clock.now().getTime(),
    ];
    let rows: { access_key_id: string; nonce: string }[];
    try {
      ({ rows } = await this.pool.query<{ access_key_id: string; nonce: string }>(CLAIM, params));
    } catch (error) {
      throw toStoreError(error);
    }
    const fresh = new Set(rows.map((r) => pairKey(r.access_key_id, r.nonce)));
    return keyed.map(({ claim, key }) => firsts.get(key) === claim && fresh.has(key));
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

  /** Answers the claims still waiting and stops the periodic sweep. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#batcher.drain();
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
