/**
 * IAM's wire form of every domain error: code, HTTP status, fault type and AWS's own message wording
 * (/work/shared/protocol/aws-query.md §1.4). STS shares it: its authentication errors are the same.
 */
import { type Constraint, codePoints } from '../../domain/constraints.js';
import type { ErrorCode, ErrorDetails } from '../../domain/errors.js';
import {
  MAX_ACCESS_KEYS_PER_OWNER,
  MAX_USERS_PER_ACCOUNT,
  SIGNATURE_TIME_WINDOW_MS,
} from '../../domain/limits.js';
import { formatAmzDate } from '../../signing/aws-sigv4.js';

/** An error as IAM puts it on the wire. */
export interface IamWireError {
  readonly code: string;
  readonly status: number;
  /** `Sender` for client faults, `Receiver` for server faults. */
  readonly type: 'Sender' | 'Receiver';
  readonly message: string;
}

/** What a message may name besides the error's own details. */
export interface IamErrorContext {
  /** The wire action requested. */
  readonly action: string;
  /** The API version requested (for InvalidAction). */
  readonly version: string;
  /** The authenticated caller's ARN, once known. */
  readonly principal?: string;
  /** The ARN an AccessDenied names as the resource. */
  readonly resource?: string;
}

/** Renders one domain error code in IAM's words. */
export type IamErrorEntry = (details: ErrorDetails, context: IamErrorContext) => IamWireError;

const sender = (code: string, status: number, message: string): IamWireError => ({
  code,
  status,
  type: 'Sender',
  message,
});

const fixed =
  (code: string, status: number, message: string): IamErrorEntry =>
  () =>
    sender(code, status, message);

const serviceUnavailable: IamErrorEntry = () => ({
  code: 'ServiceUnavailable',
  status: 503,
  type: 'Receiver',
  message: 'Service is unable to handle request.',
});

const SIGNATURE_DOES_NOT_MATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** The Coral wording of one broken constraint, e.g. "Member must have length less than or equal to 64". */
export function describeConstraint(constraint: Constraint, value: string): string {
  switch (constraint.kind) {
    case 'length':
      return codePoints(value) < constraint.min
        ? `Member must have length greater than or equal to ${constraint.min}`
        : `Member must have length less than or equal to ${constraint.max}`;
    case 'pattern':
      return `Member must satisfy regular expression pattern: ${constraint.pattern}`;
    case 'enum':
      return `Member must satisfy enum value set: [${constraint.values.join(', ')}]`;
    case 'range':
      return Number(value) < constraint.min
        ? `Member must have value greater than or equal to ${constraint.min}`
        : `Member must have value less than or equal to ${constraint.max}`;
  }
}

/**
 * A rejected input: ValidationError in AWS's "1 validation error detected: …" form when the wire's
 * constraint is known; otherwise a value the service itself refused, InvalidInput.
 */
const invalidInput: IamErrorEntry = (d) => {
  if (d.constraint && d.field && d.value !== undefined) {
    return sender(
      'ValidationError',
      400,
      `1 validation error detected: Value '${d.value}' at '${d.field}' failed to satisfy constraint: ${describeConstraint(d.constraint, d.value)}`,
    );
  }
  return sender(
    'InvalidInput',
    400,
    `Invalid value${d.value === undefined ? '' : ` '${d.value}'`} for ${d.field ?? 'a parameter'}.`,
  );
};

/** The message of a signature outside the ±15-minute window, in AWS's words. */
function expiredMessage(d: ErrorDetails): string {
  if (!d.requestTime || !d.serverTime) return 'Signature expired.';
  const request = formatAmzDate(d.requestTime);
  const server = d.serverTime.getTime();
  if (d.requestTime.getTime() < server) {
    const limit = formatAmzDate(new Date(server - SIGNATURE_TIME_WINDOW_MS));
    return `Signature expired: ${request} is now earlier than ${limit} (${formatAmzDate(d.serverTime)} - 15 min.)`;
  }
  const limit = formatAmzDate(new Date(server + SIGNATURE_TIME_WINDOW_MS));
  return `Signature not yet current: ${request} is still later than ${limit} (${formatAmzDate(d.serverTime)} + 15 min.)`;
}

/** AccessDenied for a key the caller may not read: IAM's answer to GetAccessKeyLastUsed on an unknown key. */
export const accessDeniedForKey: IamErrorEntry = (d, c) =>
  sender(
    'AccessDenied',
    403,
    `User: ${c.principal ?? 'unknown'} is not authorized to perform iam:${c.action} on resource: access key ${d.entity ?? ''}`,
  );

/** Typed over the whole union: a new domain code without an IAM entry fails to compile. */
export const IAM_ERROR_TABLE: Readonly<Record<ErrorCode, IamErrorEntry>> = {
  MISSING_PARAMETER: (d, c) =>
    d.field === 'action'
      ? sender('MissingAction', 400, 'The request must contain the parameter Action.')
      : sender(
          'ValidationError',
          400,
          `1 validation error detected: Value null at '${d.field ?? c.action}' failed to satisfy constraint: Member must not be null`,
        ),
  INVALID_CHARS: invalidInput,
  INVALID_LENGTH: invalidInput,
  INVALID_FORMAT: invalidInput,
  INVALID_VALUE: invalidInput,
  REQUEST_TOO_LARGE: fixed('RequestEntityTooLarge', 413, 'The request is larger than the server accepts.'),
  UNKNOWN_ACTION: (_, c) =>
    sender('InvalidAction', 400, `Could not find operation ${c.action} for version ${c.version}`),
  INVALID_VERSION: (_, c) =>
    sender('InvalidAction', 400, `Could not find operation ${c.action} for version ${c.version}`),
  MISSING_AUTHENTICATION: fixed('MissingAuthenticationToken', 403, 'Request is missing Authentication Token'),
  // Unknown and inactive keys look the same, as AWS answers both.
  ACCESS_KEY_NOT_FOUND: fixed('InvalidClientTokenId', 403, INVALID_TOKEN),
  ACCESS_KEY_INACTIVE: fixed('InvalidClientTokenId', 403, INVALID_TOKEN),
  INCOMPLETE_SIGNATURE: (d) =>
    sender(
      'IncompleteSignature',
      400,
      `The request signature does not conform to AWS standards.${d.detail ? ` ${d.detail}` : ''}`,
    ),
  SIGNATURE_MISMATCH: fixed('SignatureDoesNotMatch', 403, SIGNATURE_DOES_NOT_MATCH),
  TIMESTAMP_EXPIRED: (d) => sender('SignatureDoesNotMatch', 403, expiredMessage(d)),
  TIMESTAMP_FORMAT: (d) =>
    sender(
      'IncompleteSignature',
      400,
      `Date must be in ISO-8601 'basic format'. Got '${d.value ?? ''}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    ),
  // SigV4 has no nonces; a replay of another scheme's nonce is a signature failure here.
  NONCE_USED: fixed('SignatureDoesNotMatch', 403, SIGNATURE_DOES_NOT_MATCH),
  UNSUPPORTED_SIGNATURE_METHOD: (d) =>
    sender('IncompleteSignature', 400, `Unsupported AWS 'algorithm': '${d.detail ?? ''}'`),
  // AWS's common error for any rate limit; both AWS SDKs retry it with backoff.
  THROTTLED: fixed('Throttling', 400, 'Rate exceeded'),
  NO_PERMISSION: (_, c) =>
    sender(
      'AccessDenied',
      403,
      `User: ${c.principal ?? 'unknown'} is not authorized to perform: iam:${c.action} on resource: ${c.resource ?? '*'}`,
    ),
  USER_NOT_FOUND: (d) =>
    sender('NoSuchEntity', 404, `The user with name ${d.entity ?? '(unknown)'} cannot be found.`),
  USER_ALREADY_EXISTS: (d) =>
    sender('EntityAlreadyExists', 409, `User with name ${d.entity ?? '(unknown)'} already exists.`),
  USER_LIMIT_EXCEEDED: fixed(
    'LimitExceeded',
    409,
    `Cannot exceed quota for UsersPerAccount: ${MAX_USERS_PER_ACCOUNT}`,
  ),
  USER_HAS_ACCESS_KEYS: fixed('DeleteConflict', 409, 'Cannot delete entity, must delete access keys first.'),
  USER_HAS_POLICIES: fixed('DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.'),
  ACCESS_KEY_OF_USER_NOT_FOUND: (d) =>
    sender('NoSuchEntity', 404, `The Access Key with id ${d.entity ?? '(unknown)'} cannot be found.`),
  ACCESS_KEY_LIMIT_EXCEEDED: fixed(
    'LimitExceeded',
    409,
    `Cannot exceed quota for AccessKeysPerUser: ${MAX_ACCESS_KEYS_PER_OWNER}`,
  ),
  POLICY_NOT_FOUND: (d) =>
    sender('NoSuchEntity', 404, `Policy ${d.entity ?? '(unknown)'} does not exist or is not attachable.`),
  POLICY_ALREADY_ATTACHED: (d) =>
    sender('EntityAlreadyExists', 409, `Policy ${d.entity ?? '(unknown)'} is already attached.`),
  POLICY_NOT_ATTACHED: (d) => sender('NoSuchEntity', 404, `Policy ${d.entity ?? '(unknown)'} was not found.`),
  ACCOUNT_NOT_FOUND: fixed('NoSuchEntity', 404, 'The account cannot be found.'),
  SERVICE_UNAVAILABLE: serviceUnavailable,
  // Only reaches the wire if resealing under the new master key failed too: a temporary condition.
  SEALING_KEY_RETIRED: serviceUnavailable,
  INTERNAL: () => ({
    code: 'ServiceFailure',
    status: 500,
    type: 'Receiver',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
  }),
};
