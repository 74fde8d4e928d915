/** Classifies errors from `pg` and maps them to domain errors: lost connections become SERVICE_UNAVAILABLE. */
import { AkmError } from '../../domain/errors.js';

/** SQLSTATE of a unique constraint violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * SQLSTATEs that mean "the database is not there right now", not "the request was wrong":
 * admin/crash shutdown, cannot connect now, too many connections, statement timeout (a database too
 * busy to answer in time). Class 08 (connection exception) is matched by prefix.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);

/** Socket-level codes from Node's `net`/`dns` when the server cannot be reached or the link drops. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * `pg` and `pg-pool` raise these without a code: the link ended mid-query, a client was already broken,
 * a pool or connect timeout, the client-side query timeout, or a pool already shut down (a node draining).
 */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/,
  /encountered a connection error/,
  /is not queryable/,
  /timeout exceeded when trying to connect/,
  /Query read timeout/,
  /^timeout expired$/,
  /after calling end on the pool/,
];

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : '';
}

/**
 * True when `error` says the database cannot serve now: unreachable, connection lost, shutting down or too
 * busy. Retrying later may succeed; the request itself was not at fault.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Node reports a failed dual-stack connect (localhost → ::1 and 127.0.0.1) as an AggregateError.
  if (error instanceof AggregateError && error.errors.some(isDatabaseUnavailable)) return true;
  const code = codeOf(error);
  if (code !== undefined) {
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) {
      return true;
    }
  }
  const message = messageOf(error);
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/** True when `error` is a unique violation, optionally of a constraint whose name contains `fragment`. */
export function isUniqueViolation(error: unknown, fragment?: string): boolean {
  if (codeOf(error) !== UNIQUE_VIOLATION) return false;
  if (fragment === undefined) return true;
  const constraint =
    typeof error === 'object' && error !== null && 'constraint' in error ? error.constraint : undefined;
  return typeof constraint === 'string' && constraint.includes(fragment);
}

/** A SERVICE_UNAVAILABLE error that keeps the driver's error as `cause` for the server log. */
export function serviceUnavailable(cause: unknown): AkmError {
  return new AkmError('SERVICE_UNAVAILABLE', {}, { cause });
}

/**
 * Maps a failure of a store call to what callers should see: domain errors pass through, connection
 * failures become SERVICE_UNAVAILABLE (so the API answers 503 and the caller may retry), anything else
 * (a bug, an id collision) is rethrown unchanged to surface as an internal error.
 */
export function toStoreError(error: unknown): unknown {
  if (error instanceof AkmError) return error;
  if (isDatabaseUnavailable(error)) return serviceUnavailable(error);
  return error;
}
