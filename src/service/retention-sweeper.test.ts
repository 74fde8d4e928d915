// Retention: audit events older than N days and daily counts of days before the cut-off are purged.
import { describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '../logging/json-logger.js';
import { RetentionSweeper } from './retention-sweeper.js';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);

function setup(failing = false) {
  const calls: string[] = [];
  const store = {
    purgeAuditEvents: async (before: Date) => {
      if (failing) throw new Error('store down');
      calls.push(`audit<${before.toISOString()}`);
    },
    purgeDailyUsage: async (day: string) => {
      calls.push(`usage<${day}`);
    },
  };
  const sweeper = new RetentionSweeper(
    store,
    { now: () => new Date(NOW) },
    SILENT_LOGGER,
    { auditRetentionDays: 30, usageRetentionDays: 400 },
    24 * 60 * 60 * 1000,
  );
  return { calls, sweeper };
}

describe('RetentionSweeper', () => {
  it('purges audit events older than the retention and usage days before the cut-off day', async () => {
    const { calls, sweeper } = setup();
    await sweeper.sweep();
    expect(calls).toEqual(['audit<2026-10-30T12:00:00.000Z', 'usage<2025-10-25']);
  });

  it('sweeps once on start and stops cleanly; a failing store is survived', async () => {
    const ok = setup();
    ok.sweeper.start();
    await ok.sweeper.stop();
    expect(ok.calls).toHaveLength(2);
    const failing = setup(true);
    await expect(failing.sweeper.sweep()).resolves.toBeUndefined();
  });
});
