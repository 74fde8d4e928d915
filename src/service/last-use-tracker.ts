/**
 * Coalesces AccessKey usage writes: each key's newest use (date, service, region, source address, user
 * agent, action) and its per-day, per-service request counts are kept in memory and flushed in one batch
 * per interval, so a key costs at most one last-use write and one count write per interval however many
 * requests it signs, while reads through this tracker still see what is pending (read-your-writes).
 */
import type { AccessKey, DailyUsage, LastUse } from '../domain/entities.js';
import type { AccessKeyStore, KeyUseCount, Logger, UsageStore } from '../domain/ports.js';

/** The default flush interval: at most one write per key per second. */
export const LAST_USE_FLUSH_INTERVAL_MS = 1000;

/** The persisted last use of a key, or null when it was never used. */
function persistedUse(key: AccessKey): LastUse | null {
  if (!key.lastUsedDate) return null;
  return {
    date: key.lastUsedDate,
    serviceName: key.lastUsedService ?? null,
    region: key.lastUsedRegion ?? null,
    sourceIp: key.lastUsedSourceIp ?? null,
    userAgent: key.lastUsedUserAgent ?? null,
    action: key.lastUsedAction ?? null,
  };
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Pending counts of one key, by `day` + NUL + `service`. */
type KeyCounts = Map<string, number>;

/** In-memory buffer of last uses and daily counts with a periodic flush to the store. */
export class LastUseTracker {
  #pending = new Map<string, LastUse>();
  #counts = new Map<string, KeyCounts>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<AccessKeyStore, 'recordLastUsed'> & Pick<UsageStore, 'addDailyUsage'>,
    private readonly logger: Logger,
    private readonly intervalMs = LAST_USE_FLUSH_INTERVAL_MS,
  ) {}

  /** Notes that `accessKeyId` authenticated a request: counts it, and keeps it if it is the newest use. */
  record(accessKeyId: string, use: LastUse): void {
    this.#keepNewest(accessKeyId, use);
    this.#add(accessKeyId, `${utcDay(use.date)}\0${use.serviceName ?? ''}`, 1);
  }

  /** The newest known use of the key, pending or persisted. */
  lastUsed(key: AccessKey): LastUse | null {
    const pending = this.#pending.get(key.accessKeyId);
    const persisted = persistedUse(key);
    if (!pending) return persisted;
    return persisted && persisted.date > pending.date ? persisted : pending;
  }

  /** The key's daily counts with the pending ones added, newest day first, services in name order. */
  dailyUsage(accessKeyId: string, persisted: readonly DailyUsage[]): DailyUsage[] {
    const merged = new Map(persisted.map((u) => [`${u.day}\0${u.serviceName}`, u.requestCount]));
    for (const [slot, n] of this.#counts.get(accessKeyId) ?? [])
      merged.set(slot, (merged.get(slot) ?? 0) + n);
    return [...merged]
      .map(([slot, requestCount]) => {
        const [day = '', serviceName = ''] = slot.split('\0');
        return { day, serviceName, requestCount };
      })
      .sort((a, b) => (a.day !== b.day ? (a.day < b.day ? 1 : -1) : a.serviceName < b.serviceName ? -1 : 1));
  }

  /** Starts the periodic flush; the timer does not keep the process alive. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.flush(), this.intervalMs);
    this.#timer.unref();
  }

  /** Writes every pending use and count in one batch each. Concurrent calls are serialised. */
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

  #keepNewest(accessKeyId: string, use: LastUse): void {
    const seen = this.#pending.get(accessKeyId);
    if (!seen || seen.date < use.date) this.#pending.set(accessKeyId, use);
  }

  #add(accessKeyId: string, slot: string, n: number): void {
    let counts = this.#counts.get(accessKeyId);
    if (!counts) {
      counts = new Map();
      this.#counts.set(accessKeyId, counts);
    }
    counts.set(slot, (counts.get(slot) ?? 0) + n);
  }

  async #flushOnce(): Promise<void> {
    await Promise.all([this.#flushUses(), this.#flushCounts()]);
  }

  async #flushUses(): Promise<void> {
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
          sourceIp: use.sourceIp,
          userAgent: use.userAgent,
          action: use.action,
        })),
      );
    } catch (error) {
      // Keep the uses for the next attempt rather than losing them while the store is unavailable.
      for (const [id, use] of batch) this.#keepNewest(id, use);
      this.logger.warn('last-use flush failed; will retry', { error: String(error), keys: batch.size });
    }
  }

  async #flushCounts(): Promise<void> {
    if (this.#counts.size === 0) return;
    const batch = this.#counts;
    this.#counts = new Map();
    const counts: KeyUseCount[] = [];
    for (const [accessKeyId, slots] of batch) {
      for (const [slot, requestCount] of slots) {
        const [day = '', serviceName = ''] = slot.split('\0');
        counts.push({ accessKeyId, day, serviceName, requestCount });
      }
    }
    try {
      await this.store.addDailyUsage(counts);
    } catch (error) {
      // Add the counts back: a count is only ever added once it is written.
      for (const [id, slots] of batch) for (const [slot, n] of slots) this.#add(id, slot, n);
      this.logger.warn('usage count flush failed; will retry', { error: String(error), keys: batch.size });
    }
  }
}
