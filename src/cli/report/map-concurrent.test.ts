// mapConcurrent: results in input order, never more than `limit` calls in flight, failures propagate.
import { describe, expect, it } from 'vitest';
import { mapConcurrent } from './map-concurrent.js';

/** A step whose calls finish in the order the test releases them. */
function controlled() {
  let inFlight = 0;
  let peak = 0;
  const pending: Array<() => void> = [];
  const step = async (item: number) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise<void>((resolve) => pending.push(resolve));
    inFlight--;
    return item * 10;
  };
  return { step, pending, peak: () => peak };
}

describe('mapConcurrent', () => {
  it('keeps input order whatever order calls finish in, with at most `limit` in flight', async () => {
    const { step, pending, peak } = controlled();
    const done = mapConcurrent([1, 2, 3, 4, 5, 6, 7], 3, step);
    // Release the most recent call each time, so completion order differs from input order.
    for (let released = 0; released < 7; released++) {
      await new Promise((resolve) => setImmediate(resolve));
      pending.pop()?.();
    }
    expect(await done).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(peak()).toBe(3);
  });

  it('handles no items and a limit above the item count', async () => {
    expect(await mapConcurrent([], 4, async (x: number) => x)).toEqual([]);
    expect(await mapConcurrent([1, 2], 10, async (x) => x + 1)).toEqual([2, 3]);
  });

  it('rejects when a call fails', async () => {
    await expect(
      mapConcurrent([1, 2, 3], 2, async (x) => {
        if (x === 2) throw new Error('boom');
        return x;
      }),
    ).rejects.toThrow('boom');
  });
});
