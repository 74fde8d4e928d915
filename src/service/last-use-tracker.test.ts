// Last-use coalescing: one batch per flush, read-your-writes, monotonic dates, retries, flush on stop.

import { describe, expect, it } from 'vitest';
import type { AccessKey, LastUse } from '../domain/entities.js';
import type { AccessKeyStore, KeyUse, KeyUseCount, Logger, UsageStore } from '../domain/ports.js';
import { LastUseTracker } from './last-use-tracker.js';

const T0 = Date.UTC(2024, 0, 1);
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);
const ORIGIN = { sourceIp: '127.0.0.2', userAgent: 'aws-sdk-js/3', action: 'ListUsers' } as const;
/** A use through IAM in us-east-1 at `seconds`. */
const use = (seconds: number): LastUse => ({
  date: at(seconds),
  serviceName: 'iam',
  region: 'us-east-1',
  ...ORIGIN,
});
/** A use as the store receives it. */
const written = (accessKeyId: string, seconds: number): KeyUse => ({
  accessKeyId,
  lastUsedDate: at(seconds),
  serviceName: 'iam',
  region: 'us-east-1',
  ...ORIGIN,
});
/** A use read back from a key row written before service and region were recorded. */
const persisted = (seconds: number): LastUse => ({
  date: at(seconds),
  serviceName: null,
  region: null,
  sourceIp: null,
  userAgent: null,
  action: null,
});
/** Long enough that the periodic timer never fires during a test: flushes are always explicit. */
const NEVER_MS = 24 * 60 * 60 * 1000;

/** A deferred outcome the test settles by hand, so ordering never depends on timing. */
interface Gate {
  readonly promise: Promise<void>;
  open(): void;
}

function gate(): Gate {
  let open = (): void => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/**
 * A store that records each batch. `hold()` makes the next write wait for the returned gate, and
 * `entered` resolves once that write has started, so tests know the batch has been taken.
 */
class FakeKeyStore implements Pick<AccessKeyStore, 'recordLastUsed'>, Pick<UsageStore, 'addDailyUsage'> {
  readonly batches: KeyUse[][] = [];
  readonly countBatches: KeyUseCount[][] = [];
  countFailures = 0;

  async addDailyUsage(counts: readonly KeyUseCount[]): Promise<void> {
    this.countBatches.push([...counts]);
    if (this.countFailures > 0) {
      this.countFailures--;
      throw new Error('store unavailable');
    }
  }

  failures = 0;
  inFlight = 0;
  maxInFlight = 0;
  #held: Gate | undefined;
  #entered: Gate | undefined;

  hold(): { release: Gate; entered: Promise<void> } {
    this.#held = gate();
    this.#entered = gate();
    return { release: this.#held, entered: this.#entered.promise };
  }

  async recordLastUsed(uses: readonly KeyUse[]): Promise<void> {
    this.batches.push([...uses]);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const held = this.#held;
    this.#held = undefined;
    this.#entered?.open();
    this.#entered = undefined;
    try {
      if (held) await held.promise;
      if (this.failures > 0) {
        this.failures--;
        throw new Error('store unavailable');
      }
    } finally {
      this.inFlight--;
    }
  }
}

class RecordingLogger implements Logger {
  readonly lines: Array<{ level: string; msg: string; fields: Record<string, unknown> | undefined }> = [];
  debug(msg: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'debug', msg, fields });
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'info', msg, fields });
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', msg, fields });
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'error', msg, fields });
  }
}

function keyRow(accessKeyId: string, lastUsedDate: Date | null = null): AccessKey {
  return {
    accessKeyId,
    accountId: '1000000000000001',
    userId: null,
    status: 'Active',
    createDate: at(0),
    encryptedSecret: 'sealed',
    lastUsedDate,
  };
}

function setup() {
  const store = new FakeKeyStore();
  const logger = new RecordingLogger();
  const tracker = new LastUseTracker(store, logger, NEVER_MS);
  return { store, logger, tracker };
}

/** Batch contents in a stable order, for comparison. */
function sorted(batch: readonly KeyUse[] | undefined): KeyUse[] {
  return [...(batch ?? [])].sort((a, b) => a.accessKeyId.localeCompare(b.accessKeyId));
}

describe('LastUseTracker', () => {
  it('coalesces many uses into one batch per flush, one entry per key with its newest date', async () => {
    const { store, tracker } = setup();
    for (let i = 1; i <= 100; i++) tracker.record('LTAIa', use(i));
    for (let i = 1; i <= 10; i++) tracker.record('LTAIb', use(i * 2));
    await tracker.flush();
    expect(store.batches).toHaveLength(1);
    expect(sorted(store.batches[0])).toEqual([written('LTAIa', 100), written('LTAIb', 20)]);
  });

  it('does not call the store when nothing is pending, or twice for the same uses', async () => {
    const { store, tracker } = setup();
    await tracker.flush();
    expect(store.batches).toHaveLength(0);
    tracker.record('LTAIa', use(1));
    await tracker.flush();
    await tracker.flush();
    expect(store.batches).toHaveLength(1);
  });

  it('never moves a pending use backwards', async () => {
    const { store, tracker } = setup();
    tracker.record('LTAIa', use(50));
    tracker.record('LTAIa', use(10));
    tracker.record('LTAIa', use(50));
    expect(tracker.lastUsed(keyRow('LTAIa'))).toEqual(use(50));
    await tracker.flush();
    expect(store.batches[0]).toEqual([written('LTAIa', 50)]);
  });

  describe('lastUsed (read-your-writes)', () => {
    it('returns the persisted date when nothing is pending', () => {
      const { tracker } = setup();
      expect(tracker.lastUsed(keyRow('LTAIa'))).toBeNull();
      expect(tracker.lastUsed(keyRow('LTAIa', at(5)))).toEqual(persisted(5));
    });

    it('returns a pending use before it is flushed', () => {
      const { tracker } = setup();
      tracker.record('LTAIa', use(7));
      expect(tracker.lastUsed(keyRow('LTAIa'))).toEqual(use(7));
      expect(tracker.lastUsed(keyRow('LTAIa', at(3)))).toEqual(use(7));
      expect(tracker.lastUsed(keyRow('LTAIb'))).toBeNull();
    });

    it('prefers a newer persisted date over an older pending one', () => {
      const { tracker } = setup();
      tracker.record('LTAIa', use(7));
      expect(tracker.lastUsed(keyRow('LTAIa', at(9)))).toEqual(persisted(9));
    });

    it('relies on the persisted date once the use is flushed', async () => {
      const { tracker } = setup();
      tracker.record('LTAIa', use(7));
      await tracker.flush();
      expect(tracker.lastUsed(keyRow('LTAIa'))).toBeNull();
      expect(tracker.lastUsed(keyRow('LTAIa', at(7)))).toEqual(persisted(7));
    });
  });

  it('keeps the uses of a failed flush for the next one, and logs a warning', async () => {
    const { store, logger, tracker } = setup();
    store.failures = 1;
    tracker.record('LTAIa', use(1));
    tracker.record('LTAIb', use(2));
    await tracker.flush();
    expect(store.batches).toHaveLength(1);
    expect(tracker.lastUsed(keyRow('LTAIa'))).toEqual(use(1));
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        msg: 'last-use flush failed; will retry',
        fields: { error: 'Error: store unavailable', keys: 2 },
      },
    ]);

    await tracker.flush();
    expect(store.batches).toHaveLength(2);
    expect(sorted(store.batches[1])).toEqual([written('LTAIa', 1), written('LTAIb', 2)]);
    await tracker.flush();
    expect(store.batches).toHaveLength(2);
  });

  it('merges a failed batch with uses recorded meanwhile, keeping the newest of each', async () => {
    const { store, tracker } = setup();
    const { release, entered } = store.hold();
    store.failures = 1;
    tracker.record('LTAIa', use(10));
    tracker.record('LTAIb', use(10));
    const flushing = tracker.flush();
    await entered;
    expect(sorted(store.batches[0])).toEqual([written('LTAIa', 10), written('LTAIb', 10)]);
    // While the write is in flight: a newer use of a, an older one of b, and a first use of c.
    tracker.record('LTAIa', use(20));
    tracker.record('LTAIb', use(5));
    tracker.record('LTAIc', use(1));
    release.open();
    await flushing;

    await tracker.flush();
    expect(sorted(store.batches[1])).toEqual([
      written('LTAIa', 20),
      written('LTAIb', 10),
      written('LTAIc', 1),
    ]);
  });

  it('takes uses recorded before the batch is taken into the same batch', async () => {
    const { store, tracker } = setup();
    tracker.record('LTAIa', use(1));
    const flushing = tracker.flush();
    tracker.record('LTAIa', use(2));
    await flushing;
    expect(store.batches).toEqual([[written('LTAIa', 2)]]);
  });

  it('serialises concurrent flushes', async () => {
    const { store, tracker } = setup();
    const { release, entered } = store.hold();
    tracker.record('LTAIa', use(1));
    const first = tracker.flush();
    await entered;
    tracker.record('LTAIa', use(2));
    const second = tracker.flush();
    release.open();
    await Promise.all([first, second]);
    expect(store.maxInFlight).toBe(1);
    expect(store.batches).toEqual([[written('LTAIa', 1)], [written('LTAIa', 2)]]);
  });

  it('flushes what is pending on stop(), whether or not it was started', async () => {
    const started = setup();
    started.tracker.start();
    started.tracker.start();
    started.tracker.record('LTAIa', use(3));
    await started.tracker.stop();
    expect(started.store.batches).toEqual([[written('LTAIa', 3)]]);

    const idle = setup();
    idle.tracker.record('LTAIb', use(4));
    await idle.tracker.stop();
    expect(idle.store.batches).toEqual([[written('LTAIb', 4)]]);
  });

  it('keeps pending uses when the flush in stop() fails', async () => {
    const { store, tracker } = setup();
    store.failures = 1;
    tracker.record('LTAIa', use(3));
    await tracker.stop();
    expect(tracker.lastUsed(keyRow('LTAIa'))).toEqual(use(3));
  });

  describe('daily counts', () => {
    const usage = (day: string, serviceName: string, requestCount: number) => ({
      day,
      serviceName,
      requestCount,
    });
    const useOf = (date: Date, serviceName: string): LastUse => ({ ...use(0), date, serviceName });

    it('counts every use per key, UTC day and service, and writes one batch per flush', async () => {
      const { store, tracker } = setup();
      for (let i = 0; i < 5; i++) tracker.record('LTAIa', useOf(at(i), 'iam'));
      tracker.record('LTAIa', useOf(at(1), 'photos'));
      tracker.record('LTAIa', useOf(new Date(T0 + 86_400_000), 'iam'));
      tracker.record('LTAIb', useOf(at(1), 'ram'));
      await tracker.flush();
      expect(store.countBatches).toHaveLength(1);
      expect(store.countBatches[0]).toEqual([
        { accessKeyId: 'LTAIa', ...usage('2024-01-01', 'iam', 5) },
        { accessKeyId: 'LTAIa', ...usage('2024-01-01', 'photos', 1) },
        { accessKeyId: 'LTAIa', ...usage('2024-01-02', 'iam', 1) },
        { accessKeyId: 'LTAIb', ...usage('2024-01-01', 'ram', 1) },
      ]);
      await tracker.flush();
      expect(store.countBatches).toHaveLength(1);
    });

    it('adds pending counts to the persisted ones (read-your-writes), newest day first', () => {
      const { tracker } = setup();
      tracker.record('LTAIa', useOf(at(1), 'iam'));
      tracker.record('LTAIa', useOf(at(2), 'iam'));
      const persistedRows = [usage('2024-01-01', 'iam', 10), usage('2023-12-31', 'ram', 4)];
      expect(tracker.dailyUsage('LTAIa', persistedRows)).toEqual([
        usage('2024-01-01', 'iam', 12),
        usage('2023-12-31', 'ram', 4),
      ]);
      expect(tracker.dailyUsage('LTAIb', [])).toEqual([]);
    });

    it('adds the counts of a failed flush back, so none is lost or written twice', async () => {
      const { store, tracker } = setup();
      store.countFailures = 1;
      tracker.record('LTAIa', useOf(at(1), 'iam'));
      await tracker.flush();
      tracker.record('LTAIa', useOf(at(2), 'iam'));
      await tracker.flush();
      expect(store.countBatches.map((batch) => batch.map((c) => c.requestCount))).toEqual([[1], [2]]);
    });
  });
});
