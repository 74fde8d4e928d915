/** Store contract: per-key daily request counts (added by concurrent flushes, listed, purged). */
import { describe, expect, it } from 'vitest';
import type { KeyUseCount } from '../../domain/ports.js';
import { type OpenStore, useFreshStore } from './store-harness.js';

const count = (accessKeyId: string, day: string, serviceName: string, requestCount: number): KeyUseCount => ({
  accessKeyId,
  day,
  serviceName,
  requestCount,
});

/** Registers the daily usage tests. */
export function describeUsageContract(openStore: OpenStore): void {
  describe('daily usage counts', () => {
    const store = useFreshStore(openStore);

    it('adds counts to what is stored, per key, day and service', async () => {
      await store().addDailyUsage([count('K1', '2024-01-01', 'ram', 3), count('K1', '2024-01-01', 'iam', 1)]);
      await store().addDailyUsage([count('K1', '2024-01-01', 'ram', 2), count('K2', '2024-01-01', 'ram', 7)]);
      expect(await store().listDailyUsage('K1')).toEqual([
        { day: '2024-01-01', serviceName: 'iam', requestCount: 1 },
        { day: '2024-01-01', serviceName: 'ram', requestCount: 5 },
      ]);
      expect(await store().listDailyUsage('K2')).toEqual([
        { day: '2024-01-01', serviceName: 'ram', requestCount: 7 },
      ]);
    });

    it('sums repeated entries of one batch and accepts an empty batch', async () => {
      await store().addDailyUsage([
        count('K1', '2024-01-02', 'photos', 1),
        count('K1', '2024-01-02', 'photos', 4),
      ]);
      await store().addDailyUsage([]);
      expect(await store().listDailyUsage('K1')).toEqual([
        { day: '2024-01-02', serviceName: 'photos', requestCount: 5 },
      ]);
    });

    it('keeps every count when two writers add to the same row concurrently', async () => {
      await Promise.all(
        Array.from({ length: 10 }, () => store().addDailyUsage([count('K1', '2024-01-03', 'ram', 1)])),
      );
      expect(await store().listDailyUsage('K1')).toEqual([
        { day: '2024-01-03', serviceName: 'ram', requestCount: 10 },
      ]);
    });

    it('lists the newest day first and purges days before a cut-off', async () => {
      await store().addDailyUsage([
        count('K1', '2023-12-30', 'ram', 1),
        count('K1', '2024-01-05', 'ram', 2),
        count('K1', '2023-12-31', 'ram', 3),
      ]);
      expect((await store().listDailyUsage('K1')).map((u) => u.day)).toEqual([
        '2024-01-05',
        '2023-12-31',
        '2023-12-30',
      ]);
      await store().purgeDailyUsage('2023-12-31');
      expect((await store().listDailyUsage('K1')).map((u) => u.day)).toEqual(['2024-01-05', '2023-12-31']);
      expect(await store().listDailyUsage('unknown')).toEqual([]);
    });
  });
}
