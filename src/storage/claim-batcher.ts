/**
 * Batches the nonce claims of concurrent requests, for both stores: the claims made during one turn of
 * the event loop go out together, one batch at a time. While a batch is being claimed the next one grows,
 * so under load one commit (and one round trip or message) serves every request that arrived meanwhile,
 * and a quiet server still answers after a single turn.
 */
export class ClaimBatcher<T> {
  #batch: {
    readonly item: T;
    readonly resolve: (fresh: boolean) => void;
    readonly reject: (error: unknown) => void;
  }[] = [];
  #scheduled = false;
  /** The batch being claimed, if any. */
  #current: Promise<void> | undefined;

  /**
   * @param claimAll - claims a batch; resolves with one answer per item, in order (true: the nonce was
   *   free and is now taken), or rejects, failing every claim of the batch
   */
  constructor(private readonly claimAll: (items: readonly T[]) => Promise<readonly boolean[]>) {}

  /** Queues a claim; resolves once its batch is committed. */
  claim(item: T): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#batch.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Resolves once every queued claim is answered. */
  async drain(): Promise<void> {
    while (this.#current !== undefined || this.#batch.length > 0) {
      await this.#current;
      if (this.#current === undefined) this.#claimBatch();
    }
  }

  #schedule(): void {
    if (this.#scheduled || this.#current !== undefined) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#claimBatch();
    });
  }

  #claimBatch(): void {
    const waiting = this.#batch;
    this.#batch = [];
    if (waiting.length === 0) return;
    const current = this.claimAll(waiting.map((w) => w.item)).then(
      (fresh) => {
        waiting.forEach((w, i) => {
          w.resolve(fresh[i] === true);
        });
      },
      (error: unknown) => {
        for (const w of waiting) w.reject(error);
      },
    );
    this.#current = current;
    void current.finally(() => {
      this.#current = undefined;
      if (this.#batch.length > 0) this.#schedule();
    });
  }
}
