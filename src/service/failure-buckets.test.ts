// Leaky failure buckets: the budget, the even drain over the window, and the memory bound.
import { describe, expect, it } from 'vitest';
import { FailureBuckets } from './failure-buckets.js';

const WINDOW_MS = 60_000;

describe('FailureBuckets', () => {
  it('allows `budget` failures, then reports how long until the next one is within budget', () => {
    const buckets = new FailureBuckets({ budget: 3, windowMs: WINDOW_MS, maxTracked: 10 });
    for (let i = 0; i < 3; i += 1) {
      expect(buckets.overBudgetFor('k', 0)).toBe(0);
      buckets.charge('k', 0);
    }
    // Three failures at t=0: one drains every 20 s, so the fourth is allowed at t=20 s.
    expect(buckets.overBudgetFor('k', 0)).toBe(20_000);
    expect(buckets.overBudgetFor('k', 19_999)).toBe(1);
    expect(buckets.overBudgetFor('k', 20_000)).toBe(0);
    expect(buckets.overBudgetFor('other', 0)).toBe(0);
  });

  it('drains completely after one window', () => {
    const buckets = new FailureBuckets({ budget: 2, windowMs: WINDOW_MS, maxTracked: 10 });
    for (let i = 0; i < 10; i += 1) buckets.charge('k', 0);
    expect(buckets.overBudgetFor('k', 4 * WINDOW_MS)).toBeGreaterThan(0);
    expect(buckets.overBudgetFor('k', 5 * WINDOW_MS)).toBe(0);
  });

  it('never tracks more than maxTracked ids, forgetting the least recently charged', () => {
    const buckets = new FailureBuckets({ budget: 1, windowMs: WINDOW_MS, maxTracked: 100 });
    buckets.charge('hot', 0);
    for (let i = 0; i < 10_000; i += 1) {
      buckets.charge(`id-${i}`, 0);
      if (i % 50 === 0) buckets.charge('hot', 0);
    }
    expect(buckets.size).toBe(100);
    expect(buckets.overBudgetFor('hot', 0)).toBeGreaterThan(0);
    expect(buckets.overBudgetFor('id-0', 0)).toBe(0);
  });
});
