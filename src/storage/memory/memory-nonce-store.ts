/** In-process nonce memory for a single akm node (SQLite deployments). */
import type { NonceStore } from '../../domain/ports.js';

/** How often expired nonces are swept. */
const SWEEP_INTERVAL_MS = 30_000;

/**
 * Remembers (AccessKeyId, nonce) pairs until their request timestamp leaves the signature window.
 * Only requests with a valid signature reach it, so its size is bounded by legitimate traffic in one
 * window; expired entries are swept periodically.
 */
export class MemoryNonceStore implements NonceStore {
  readonly #seen = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.#timer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.#timer.unref();
  }

  async remember(accessKeyId: string, nonce: string, expiresAt: Date): Promise<boolean> {
    // The separator cannot occur in an AccessKeyId, so distinct pairs never collide.
    const key = `${accessKeyId}\n${nonce}`;
    const until = this.#seen.get(key);
    if (until !== undefined && until > this.now()) return false;
    this.#seen.set(key, expiresAt.getTime());
    return true;
  }

  /** Drops entries whose window has passed. */
  sweep(): void {
    const now = this.now();
    for (const [key, until] of this.#seen) if (until <= now) this.#seen.delete(key);
  }

  /** Number of remembered nonces (for tests and metrics). */
  get size(): number {
    return this.#seen.size;
  }

  /** Stops the sweeper. */
  close(): void {
    clearInterval(this.#timer);
  }
}
