/**
 * Enforces the retention of audit events and daily usage counts: one purge at start and then one per
 * interval, on every node (purges are idempotent, so nodes need not coordinate).
 */
import type { Clock, Logger, Store } from '../domain/ports.js';
import { utcDay } from './last-use-tracker.js';

/** How long each kind of record is kept, in days. */
export interface Retention {
  readonly auditRetentionDays: number;
  readonly usageRetentionDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The default interval between purges: hourly. */
export const RETENTION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** Periodic purge of records older than their retention. */
export class RetentionSweeper {
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<Store, 'purgeAuditEvents' | 'purgeDailyUsage'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly retention: Retention,
    private readonly intervalMs = RETENTION_SWEEP_INTERVAL_MS,
  ) {}

  /** Deletes what is past retention now: events before the cut-off instant, counts of earlier days. */
  sweep(): Promise<void> {
    this.#sweeping = this.#sweeping.then(async () => {
      const now = this.clock.now().getTime();
      try {
        await this.store.purgeAuditEvents(new Date(now - this.retention.auditRetentionDays * DAY_MS));
        await this.store.purgeDailyUsage(utcDay(new Date(now - this.retention.usageRetentionDays * DAY_MS)));
      } catch (error) {
        this.logger.warn('retention purge failed; will retry next interval', { error: String(error) });
      }
    });
    return this.#sweeping;
  }

  /** Sweeps now and then every interval; the timer does not keep the process alive. */
  start(): void {
    if (this.#timer) return;
    void this.sweep();
    this.#timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#sweeping;
  }
}
