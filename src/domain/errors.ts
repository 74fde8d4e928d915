/** The one domain error model: a closed union of codes that every protocol maps to its own wire code. */
import type { Constraint } from './constraints.js';

/** Every failure akm can report. Each protocol owns a table from this union to its wire code and status. */
export const ERROR_CODES = [
  // request shape and validation
  'MISSING_PARAMETER',
  'INVALID_CHARS',
  'INVALID_LENGTH',
  'INVALID_FORMAT',
  'INVALID_VALUE',
  'REQUEST_TOO_LARGE',
  // routing
  'UNKNOWN_ACTION',
  'INVALID_VERSION',
  // authentication
  'MISSING_AUTHENTICATION',
  'ACCESS_KEY_NOT_FOUND',
  'ACCESS_KEY_INACTIVE',
  'INCOMPLETE_SIGNATURE',
  'SIGNATURE_MISMATCH',
  'TIMESTAMP_EXPIRED',
  'TIMESTAMP_FORMAT',
  'NONCE_USED',
  'UNSUPPORTED_SIGNATURE_METHOD',
  // abuse: too many failed authentications from one source or for one key (or verifications by one caller)
  'THROTTLED',
  // authorisation
  'NO_PERMISSION',
  // entities
  'USER_NOT_FOUND',
  'USER_ALREADY_EXISTS',
  'USER_LIMIT_EXCEEDED',
  'USER_HAS_ACCESS_KEYS',
  'USER_HAS_POLICIES',
  'ACCESS_KEY_OF_USER_NOT_FOUND',
  'ACCESS_KEY_LIMIT_EXCEEDED',
  'POLICY_NOT_FOUND',
  'POLICY_ALREADY_ATTACHED',
  'POLICY_NOT_ATTACHED',
  'ACCOUNT_NOT_FOUND',
  // server side
  'SERVICE_UNAVAILABLE',
  /** A master-key rotation retired the key a new secret was sealed under; reseal and retry. */
  'SEALING_KEY_RETIRED',
  'INTERNAL',
] as const;

/** A domain error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Extra facts a protocol may need to word its message (never a secret). */
export interface ErrorDetails {
  /** The neutral name of the offending input field, e.g. `userName`. */
  readonly field?: string;
  /** The offending input value, for wires that echo it (IAM's ValidationError). */
  readonly value?: string;
  /** The rule the input value broke, for wires that describe it. */
  readonly constraint?: Constraint;
  /** The request's own time and the server's, when a signature is outside the time window. */
  readonly requestTime?: Date;
  readonly serverTime?: Date;
  /** Free-form detail for messages that carry one (e.g. the server string to sign). */
  readonly detail?: string;
  /** The name of the entity involved, e.g. the user name. */
  readonly entity?: string;
  /** How long a throttled client should wait before trying again. */
  readonly retryAfterMs?: number;
}

/** The single error type thrown by domain, services and stores for expected failures. */
export class AkmError extends Error {
  override readonly name = 'AkmError';

  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(details.field ? `${code} (${details.field})` : code, options);
  }
}

/** True when `e` is an {@link AkmError}, optionally with the given code. */
export function isAkmError(e: unknown, code?: ErrorCode): e is AkmError {
  return e instanceof AkmError && (code === undefined || e.code === code);
}
