/**
 * A worker thread that does a SQLite server's bulk writing off the request thread: it claims the nonce
 * batches, sweeps expired nonces, and checkpoints the main database's WAL. Each of these costs
 * page writes proportional to the request rate; on the event loop they were most of a signed request's
 * cost (see the README's benchmark notes).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CLAIM_NONCE, NONCE_SCHEMA, type NonceBatch, type NonceClaims } from './sqlite-nonce-store.js';

/** What the worker needs; passed as its `workerData`. */
interface WorkerSetup {
  /** Resolved path of better-sqlite3 (an eval'd worker resolves modules from the working directory). */
  readonly driver: string;
  /** The main database: checkpointed, never written. */
  readonly databasePath: string;
  /** The nonce database: written and swept. */
  readonly noncePath: string;
  /** The nonce file's schema and claim statement (an eval'd worker cannot import them). */
  readonly nonceSchema: readonly string[];
  readonly claimSql: string;
  readonly checkpointIntervalMs: number;
  readonly sweepIntervalMs: number;
  readonly busyTimeoutMs: number;
}

type ToWorker = { readonly id: number; readonly batch: NonceBatch } | { readonly close: true };
type FromWorker =
  | { readonly id: number; readonly accepted?: Uint8Array; readonly error?: string }
  | { readonly closed: true };

/**
 * The worker's body. It runs as an eval'd script (so that it works the same from TypeScript sources in
 * tests and from the build), which is why it is self-contained and takes its module through `require`.
 */
function workerMain(): void {
  // biome-ignore lint/suspicious/noExplicitAny: the eval'd worker has no types to import.
  const { parentPort, workerData } = require('node:worker_threads') as any;
  const setup = workerData as WorkerSetup;
  const Database = require(setup.driver);
  const open = (path: string) => {
    const db = new Database(path, { timeout: setup.busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    return db;
  };
  const main = open(setup.databasePath);
  const nonces = open(setup.noncePath);
  // IF NOT EXISTS: whichever of the worker and the nonce store opens the file first creates the table.
  for (const statement of setup.nonceSchema) nonces.exec(statement);
  const claim = nonces.prepare(setup.claimSql);
  const claimAll = nonces.transaction((batch: NonceBatch) => {
    const accepted = new Uint8Array(batch.hashes.length);
    for (let i = 0; i < batch.hashes.length; i += 1) {
      accepted[i] = claim.run(batch.hashes[i], batch.expiresAt[i], batch.now).changes;
    }
    return accepted;
  });
  const sweep = nonces.prepare('DELETE FROM nonces WHERE expires_at <= ?');
  const quietly = (work: () => void) => {
    try {
      work();
    } catch {
      // Busy or closing: the next tick tries again; nothing is lost by a skipped checkpoint or sweep.
    }
  };
  // PASSIVE never waits for readers or writers; a checkpoint that cannot finish now finishes next time.
  const checkpointer = setInterval(
    () => quietly(() => main.pragma('wal_checkpoint(PASSIVE)')),
    setup.checkpointIntervalMs,
  );
  const sweeper = setInterval(() => quietly(() => sweep.run(Date.now())), setup.sweepIntervalMs);
  parentPort.on('message', (message: ToWorker) => {
    if ('close' in message) {
      clearInterval(checkpointer);
      clearInterval(sweeper);
      quietly(() => main.pragma('wal_checkpoint(PASSIVE)'));
      main.close();
      nonces.close();
      parentPort.postMessage({ closed: true } satisfies FromWorker);
      return;
    }
    try {
      parentPort.postMessage({ id: message.id, accepted: claimAll(message.batch) } satisfies FromWorker);
    } catch (error) {
      parentPort.postMessage({ id: message.id, error: String(error) } satisfies FromWorker);
    }
  });
}

/** Timing of a {@link SqliteBackground}. */
export interface SqliteBackgroundOptions {
  readonly databasePath: string;
  readonly noncePath: string;
  /** How often the main database's WAL is checkpointed. Default 200 ms. */
  readonly checkpointIntervalMs?: number;
  /** How often expired nonces are deleted. Default 30000 ms. */
  readonly sweepIntervalMs?: number;
  readonly busyTimeoutMs: number;
}

/**
 * The main thread's handle on the worker: {@link NonceClaims} that resolve once committed. Should the
 * worker die, every pending and later claim fails, and the nonce store makes them on its own connection.
 */
export class SqliteBackground implements NonceClaims {
  readonly #worker: Worker;
  readonly #waiting = new Map<
    number,
    { resolve: (accepted: Uint8Array) => void; reject: (error: Error) => void }
  >();
  #nextId = 0;
  #failure: Error | undefined;
  #closed: Promise<void> | undefined;

  constructor(options: SqliteBackgroundOptions) {
    const setup: WorkerSetup = {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      databasePath: options.databasePath,
      noncePath: options.noncePath,
      nonceSchema: NONCE_SCHEMA,
      claimSql: CLAIM_NONCE,
      checkpointIntervalMs: options.checkpointIntervalMs ?? 200,
      sweepIntervalMs: options.sweepIntervalMs ?? 30_000,
      busyTimeoutMs: options.busyTimeoutMs,
    };
    this.#worker = new Worker(`(${workerMain.toString()})()`, { eval: true, workerData: setup });
    // Housekeeping must not keep a process alive on its own.
    this.#worker.unref();
    this.#worker.on('message', (message: FromWorker) => {
      if ('closed' in message) return;
      const waiting = this.#waiting.get(message.id);
      this.#waiting.delete(message.id);
      if (message.accepted) waiting?.resolve(message.accepted);
      else waiting?.reject(new Error(message.error));
    });
    const fail = (error: Error) => {
      this.#failure ??= error;
      for (const waiting of this.#waiting.values()) waiting.reject(error);
      this.#waiting.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', () => fail(new Error('the SQLite background worker has stopped')));
  }

  /** Whether the worker is still running (else nonce claims fail, and their store makes them itself). */
  get running(): boolean {
    return this.#failure === undefined && this.#closed === undefined;
  }

  claim(batch: NonceBatch): Promise<Uint8Array> {
    if (!this.running) return Promise.reject(this.#failure ?? new Error('closed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, batch } satisfies ToWorker);
    });
  }

  /** Lets queued writes finish, checkpoints once more, and stops the worker. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      if (this.#failure) {
        resolve();
        return;
      }
      this.#worker.once('exit', () => resolve());
      this.#worker.on('message', (message: FromWorker) => {
        if ('closed' in message) void this.#worker.terminate();
      });
      this.#worker.postMessage({ close: true } satisfies ToWorker);
    });
    return this.#closed;
  }
}
