/**
 * Coalesces AccessKey last-use writes: uses are kept in memory and flushed in one batch per interval,
 * so a key costs at most one database write per interval however many requests it signs, while reads
 * through this tracker still see the newest use (read-your-writes).
 */
import type { AccessKey, LastUse } from '../domain/entities.js';
import type { AccessKeyStore, Logger } from '../domain/ports.js';

/** The default flush interval: at most one write per key per second. */
export const LAST_USE_FLUSH_INTERVAL_MS = 1000;

/** The persisted last use of a key, or null when it was never used. */
function persistedUse(key: AccessKey): LastUse | null {
  if (!key.lastUsedDate) return null;
  return {
    date: key.lastUsedDate,
    serviceName: key.lastUsedService ?? null,
    region: key.lastUsedRegion ?? null,
  };
}

/** In-memory buffer of last uses with a periodic flush to the store. */
export class LastUseTracker {
  #pending = new Map<string, LastUse>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<AccessKeyStore, 'recordLastUsed'>,
    private readonly logger: Logger,
    private readonly intervalMs = LAST_USE_FLUSH_INTERVAL_MS,
  ) {}

  /** Notes that `accessKeyId` authenticated a request; only a newer use replaces a pending one. */
  record(accessKeyId: string, use: LastUse): void {
    const seen = this.#pending.get(accessKeyId);
    if (!seen || seen.date < use.date) this.#pending.set(accessKeyId, use);
  }

  /** The newest known use of the key, pending or persisted, with its service and region. */
  lastUsed(key: AccessKey): LastUse | null {
    const pending = this.#pending.get(key.accessKeyId);
    const persisted = persistedUse(key);
    if (!pending) return persisted;
    return persisted && persisted.date > pending.date ? persisted : pending;
  }

  /** Starts the periodic flush; the timer does not keep the process alive. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.flush(), this.intervalMs);
    this.#timer.unref();
  }

  /** Writes every pending use in one batch. Concurrent calls are serialised. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#flushOnce());
    return this.#flushing;
  }

  /** Stops the timer and flushes what is pending (graceful shutdown). */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  async #flushOnce(): Promise<void> {
    if (this.#pending.size === 0) return;
    const batch = this.#pending;
    this.#pending = new Map();
    try {
      await this.store.recordLastUsed(
        [...batch].map(([accessKeyId, use]) => ({
          accessKeyId,
          lastUsedDate: use.date,
          serviceName: use.serviceName,
          region: use.region,
        })),
      );
    } catch (error) {
      // Keep the uses for the next attempt rather than losing them while the store is unavailable.
      for (const [id, use] of batch) this.record(id, use);
      this.logger.warn('last-use flush failed; will retry', { error: String(error), keys: batch.size });
    }
  }
}
