// Failure counting: fixed windows per id, and a bound on the ids tracked whatever arrives.
import { describe, expect, it } from 'vitest';
import { FailureCounter } from './failure-counter.js';

describe('FailureCounter', () => {
  it('counts failures per id within a window and starts again after it', () => {
    const counter = new FailureCounter(1000);
    expect(counter.failures('a', 0)).toBe(0);
    expect([counter.fail('a', 0), counter.fail('a', 500), counter.fail('b', 600)]).toEqual([1, 2, 1]);
    expect(counter.failures('a', 999)).toBe(2);
    expect(counter.failures('a', 1000)).toBe(0);
    expect(counter.fail('a', 1200)).toBe(1);
    expect(counter.failures('a', 2100)).toBe(1);
  });

  it('never tracks more ids than its bound, forgetting the least recently failing', () => {
    const counter = new FailureCounter(60_000, 3);
    for (let i = 0; i < 1000; i++) counter.fail(`unknown-${i}`, 0);
    expect(counter.size).toBe(3);
    counter.fail('a', 1);
    counter.fail('b', 1);
    counter.fail('a', 2);
    counter.fail('c', 3);
    counter.fail('d', 4);
    expect([counter.failures('a', 5), counter.failures('b', 5)]).toEqual([2, 0]);
  });
});
