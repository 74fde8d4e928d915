/**
 * Group commit for one SQLite connection: the writes requested during one turn of the event loop run
 * together as savepoints of one transaction, so that concurrent requests share one commit (and the WAL
 * pages they both touch) instead of paying one each. Each write stays atomic on its own: one that throws
 * is rolled back to its savepoint and fails alone, and none is acknowledged before the commit.
 */
import type Database from 'better-sqlite3';

interface Queued {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

/** Queues writes and commits them in batches; see the module comment. */
export class GroupCommit {
  readonly #runAll: Database.Transaction<(queue: readonly Queued[]) => Outcome[]>;
  #queue: Queued[] = [];
  #scheduled = false;

  constructor(db: Database.Database) {
    this.#runAll = db.transaction((queue: readonly Queued[]) =>
      queue.map((item): Outcome => {
        try {
          // `work` is a better-sqlite3 transaction function: nested in this one, it runs as a savepoint.
          return { ok: true, value: item.work() };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  /**
   * Runs `work` (a transaction function of the same connection) in the next batch; resolves with its
   * result once the batch is committed, or rejects with its error (or the commit's).
   */
  run<R>(work: () => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  /** Commits what is queued now (before the connection closes). */
  flush(): void {
    this.#flush();
  }

  #flush(): void {
    this.#scheduled = false;
    const queue = this.#queue;
    this.#queue = [];
    if (queue.length === 0) return;
    let outcomes: Outcome[];
    try {
      // IMMEDIATE, as each write was on its own: the write lock is taken before the first read.
      outcomes = this.#runAll.immediate(queue);
    } catch (error) {
      for (const item of queue) item.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const item = queue[i];
      if (outcome.ok) item?.resolve(outcome.value);
      else item?.reject(outcome.error);
    });
  }
}
