/**
 * Counts failures per id in fixed windows, in bounded memory: at most `maxIds` ids are tracked; when a
 * new id would exceed that, the least recently failing one is forgotten (so a flood of distinct ids can
 * only make the counter forget, never grow).
 */

/** One id's failures in its current window. */
interface Window {
  readonly start: number;
  readonly failures: number;
}

/** The default bound on tracked ids. */
export const DEFAULT_MAX_TRACKED_IDS = 10_000;

/** Failure counts per id over fixed windows of `windowMs`. */
export class FailureCounter {
  readonly #windows = new Map<string, Window>();

  constructor(
    private readonly windowMs: number,
    private readonly maxIds = DEFAULT_MAX_TRACKED_IDS,
  ) {}

  /** Failures of `id` in the window containing `now`. */
  failures(id: string, now: number): number {
    const window = this.#windows.get(id);
    return window && now - window.start < this.windowMs ? window.failures : 0;
  }

  /** Counts one failure of `id` at `now`; returns its failures in the window, this one included. */
  fail(id: string, now: number): number {
    const failures = this.failures(id, now) + 1;
    const current = this.#windows.get(id);
    const start = current && failures > 1 ? current.start : now;
    // Re-inserting moves the id to the end of the Map's order: the first entry is the least recent.
    this.#windows.delete(id);
    if (this.#windows.size >= this.maxIds) this.#windows.delete(this.#windows.keys().next().value ?? '');
    this.#windows.set(id, { start, failures });
    return failures;
  }

  /** How many ids are tracked (for tests of the bound). */
  get size(): number {
    return this.#windows.size;
  }
}
