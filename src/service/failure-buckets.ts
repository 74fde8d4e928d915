/**
 * A bounded table of leaky buckets counting failures per id: each failure adds one, each bucket drains
 * evenly (its budget per window), and the table never holds more than a fixed number of ids, forgetting
 * the least recently charged first. Memory is therefore O(maxTracked) whatever an attacker sends.
 */

/** One id's failures: the level at `at` (epoch ms); it drains at the table's rate. */
interface Bucket {
  level: number;
  at: number;
}

/** Sizing of a {@link FailureBuckets} table. */
export interface FailureBucketsOptions {
  /** Failures an id may have within one window before it is over budget. */
  readonly budget: number;
  /** How long a full budget takes to drain. */
  readonly windowMs: number;
  /** Most ids tracked at once. */
  readonly maxTracked: number;
}

/** Failure counters per id with a fixed memory bound. */
export class FailureBuckets {
  // A Map iterates in insertion order: re-inserting on every charge keeps the coldest id first.
  readonly #buckets = new Map<string, Bucket>();
  readonly #drainPerMs: number;

  constructor(private readonly options: FailureBucketsOptions) {
    this.#drainPerMs = options.budget / options.windowMs;
  }

  /** How many ids are tracked (never more than `maxTracked`). */
  get size(): number {
    return this.#buckets.size;
  }

  /**
   * Milliseconds until `id` may fail again without being over budget, or 0 when it is within budget.
   * Reading does not charge.
   */
  overBudgetFor(id: string, now: number): number {
    const bucket = this.#buckets.get(id);
    if (bucket === undefined) return 0;
    const excess = this.#levelAt(bucket, now) - this.options.budget + 1;
    return excess > 0 ? Math.ceil(excess / this.#drainPerMs) : 0;
  }

  /** Counts one failure of `id`. */
  charge(id: string, now: number): void {
    const bucket = this.#buckets.get(id);
    const level = bucket === undefined ? 0 : this.#levelAt(bucket, now);
    this.#buckets.delete(id);
    this.#buckets.set(id, { level: level + 1, at: now });
    if (this.#buckets.size > this.options.maxTracked) this.#forgetColdest();
  }

  #levelAt(bucket: Bucket, now: number): number {
    return Math.max(0, bucket.level - Math.max(0, now - bucket.at) * this.#drainPerMs);
  }

  #forgetColdest(): void {
    const coldest = this.#buckets.keys().next();
    if (!coldest.done) this.#buckets.delete(coldest.value);
  }
}
