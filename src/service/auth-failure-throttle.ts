/**
 * Throttles failed authentication, per AccessKeyId and per source address, without ever refusing a
 * request that authenticates.
 *
 * - Every authentication failure (unknown or inactive key, expired time, wrong signature, reused nonce)
 *   is charged to the source address; a failure of a key that exists is also charged to that key.
 *   Unknown AccessKeyIds are never tracked themselves, so random ids cannot fill the key table.
 * - While the key's or the source's budget is spent, such failures are answered THROTTLED (with the time
 *   until the budget allows another) instead of their own code: a client probing from one address, or
 *   hammering one key, stops learning which keys exist, which secrets fail and why.
 * - A correctly signed request with a fresh nonce is served whatever the budgets say: an attacker hammering
 *   a key, or sharing a NAT address with a legitimate client, cannot lock anyone out.
 *
 * State is per process (each node of a cluster throttles what it sees) and bounded: each table keeps at
 * most `maxTracked` ids, forgetting the least recently charged first. IPv6 sources are grouped by /64,
 * the block one host usually owns.
 */
import { AkmError, type ErrorCode, isAkmError } from '../domain/errors.js';
import { FailureBuckets } from './failure-buckets.js';

/** The throttle's budgets. */
export interface AuthFailureBudgets {
  /** The window a budget refills over (evenly). */
  readonly windowMs: number;
  /** Failures one existing AccessKeyId may have per window. */
  readonly perKey: number;
  /** Failures one source address (IPv4 address or IPv6 /64) may have per window. */
  readonly perSource: number;
  /** Most AccessKeyIds, and most source addresses, tracked at once. */
  readonly maxTracked: number;
}

/** Who attempted a failed authentication. */
export interface FailedAttempt {
  readonly accessKeyId: string;
  /** The TCP peer address, as the server saw it. */
  readonly sourceAddress: string;
}

/** The failures that spend budget: those that say something about a key or its secret. */
const CHARGED: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ACCESS_KEY_NOT_FOUND',
  'ACCESS_KEY_INACTIVE',
  'TIMESTAMP_EXPIRED',
  'SIGNATURE_MISMATCH',
  'NONCE_USED',
]);

/** Counts failed authentications and decides when to answer them THROTTLED. */
export class AuthFailureThrottle {
  readonly #keys: FailureBuckets;
  readonly #sources: FailureBuckets;

  constructor(budgets: AuthFailureBudgets) {
    const { windowMs, maxTracked } = budgets;
    this.#keys = new FailureBuckets({ budget: budgets.perKey, windowMs, maxTracked });
    this.#sources = new FailureBuckets({ budget: budgets.perSource, windowMs, maxTracked });
  }

  /** How many AccessKeyIds and sources are tracked now (each at most `maxTracked`). */
  get tracked(): { readonly keys: number; readonly sources: number } {
    return { keys: this.#keys.size, sources: this.#sources.size };
  }

  /**
   * Charges `failure` (when it is an authentication failure) and returns what to answer: the failure
   * itself while both budgets allow it, else THROTTLED with `retryAfterMs` and the failure as cause.
   */
  judge(failure: unknown, attempt: FailedAttempt, now: Date): unknown {
    if (!isAkmError(failure) || !CHARGED.has(failure.code)) return failure;
    const at = now.getTime();
    const source = sourceKeyOf(attempt.sourceAddress);
    const keyExists = failure.code !== 'ACCESS_KEY_NOT_FOUND';
    const throttled =
      this.#sources.overBudgetFor(source, at) > 0 ||
      (keyExists && this.#keys.overBudgetFor(attempt.accessKeyId, at) > 0);
    this.#sources.charge(source, at);
    if (keyExists) this.#keys.charge(attempt.accessKeyId, at);
    if (!throttled) return failure;
    const retryAfterMs = Math.max(
      this.#sources.overBudgetFor(source, at),
      keyExists ? this.#keys.overBudgetFor(attempt.accessKeyId, at) : 0,
    );
    return new AkmError('THROTTLED', { retryAfterMs }, { cause: failure });
  }
}

/** The id a source is tracked by: the IPv4 address (also when IPv4-mapped), or the IPv6 /64 prefix. */
export function sourceKeyOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
