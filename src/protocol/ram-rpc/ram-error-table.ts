/** RAM's wire form of every domain error: code, HTTP status and message, as RAM documents them. */
import type { ErrorCode, ErrorDetails } from '../../domain/errors.js';
import { toRamParameter } from './ram-names.js';

/** An error as RAM puts it on the wire. */
export interface RamWireError {
  readonly code: string;
  readonly status: number;
  readonly message: string;
  /** Headers the error adds to the response. */
  readonly headers?: Readonly<Record<string, string>>;
}

type Entry = (details: ErrorDetails) => RamWireError;

const fixed =
  (code: string, status: number, message: string): Entry =>
  () => ({ code, status, message });

const param = (details: ErrorDetails): string => toRamParameter(details.field ?? 'parameter');

/** Typed over the whole union: a new domain code without a RAM entry fails to compile. */
export const RAM_ERROR_TABLE: Readonly<Record<ErrorCode, Entry>> = {
  MISSING_PARAMETER: (d) => ({
    code: `Missing${param(d)}`,
    status: 400,
    message: `${param(d)} is mandatory for this action.`,
  }),
  INVALID_CHARS: (d) => ({
    code: `InvalidParameter.${param(d)}.InvalidChars`,
    status: 400,
    message: `The parameter - "${param(d)}" contains invalid chars.`,
  }),
  INVALID_LENGTH: (d) => ({
    code: `InvalidParameter.${param(d)}.Length`,
    status: 400,
    message: `The parameter - "${param(d)}" beyond the length limit.`,
  }),
  INVALID_FORMAT: (d) => ({
    code: `InvalidParameter.${param(d)}.Format`,
    status: 400,
    message: `The format of the parameter - "${param(d)}" is incorrect.`,
  }),
  INVALID_VALUE: (d) => ({
    code: `InvalidParameter.${param(d)}`,
    status: 400,
    message: `The parameter - "${param(d)}" is incorrect.`,
  }),
  REQUEST_TOO_LARGE: fixed('RequestEntityTooLarge', 413, 'The request is larger than the server accepts.'),
  UNKNOWN_ACTION: fixed(
    'InvalidAction.NotFound',
    404,
    'Specified api is not found, please check your url and method.',
  ),
  INVALID_VERSION: fixed('InvalidVersion', 400, 'Specified parameter Version is not valid.'),
  // RAM names the first missing piece of an unsigned request, the AccessKeyId.
  MISSING_AUTHENTICATION: fixed('MissingAccessKeyId', 400, 'AccessKeyId is mandatory for this action.'),
  ACCESS_KEY_NOT_FOUND: fixed('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.'),
  ACCESS_KEY_INACTIVE: fixed('InvalidAccessKeyId.Inactive', 400, 'Specified access key is disabled.'),
  INCOMPLETE_SIGNATURE: (d) => ({
    code: 'IncompleteSignature',
    status: 400,
    message: `The request signature does not conform to Aliyun standards.${d.detail ? ` ${d.detail}` : ''}`,
  }),
  SIGNATURE_MISMATCH: (d) => ({
    code: 'SignatureDoesNotMatch',
    status: 400,
    message: `Specified signature is not matched with our calculation.${d.detail ? ` server string to sign is:${d.detail}` : ''}`,
  }),
  TIMESTAMP_EXPIRED: fixed('InvalidTimeStamp.Expired', 400, 'Specified time stamp or date value is expired.'),
  TIMESTAMP_FORMAT: fixed(
    'InvalidTimeStamp.Format',
    400,
    'Specified time stamp or date value is not well formatted.',
  ),
  NONCE_USED: fixed('SignatureNonceUsed', 400, 'Specified signature nonce was used already.'),
  UNSUPPORTED_SIGNATURE_METHOD: fixed(
    'InvalidSignatureMethod',
    400,
    'Specified signature method is not supported.',
  ),
  // RAM's flow-control code. Its status varies on the live service; 400 is what RAM's own API table shows.
  // openapi-core turns any `Throttling*` code into a ThrottlingError whose retry delay, in milliseconds,
  // is the `x-acs-retry-after` header (ram-rpc.md §3.2).
  THROTTLED: (d) => ({
    code: 'Throttling.User',
    status: 400,
    message: 'Request was denied due to user flow control.',
    ...(d.retryAfterMs === undefined ? {} : { headers: { 'x-acs-retry-after': String(d.retryAfterMs) } }),
  }),
  NO_PERMISSION: fixed('NoPermission', 403, 'You are not authorized to do this action.'),
  USER_NOT_FOUND: fixed('EntityNotExist.User', 404, 'The user does not exist.'),
  USER_ALREADY_EXISTS: fixed('EntityAlreadyExists.User', 409, 'The user does already EXIST.'),
  USER_LIMIT_EXCEEDED: fixed('LimitExceeded.User', 409, 'The count of users beyond the current limits.'),
  USER_HAS_ACCESS_KEYS: fixed(
    'DeleteConflict.User.AccessKey',
    409,
    'The user CAN NOT has any access key while deleting the user.',
  ),
  USER_HAS_POLICIES: fixed(
    'DeleteConflict.User.Policy',
    409,
    'The user CAN NOT has any attached policy while deleting the user.',
  ),
  ACCESS_KEY_OF_USER_NOT_FOUND: fixed(
    'EntityNotExist.User.AccessKey',
    404,
    'The user access key does not exist.',
  ),
  ACCESS_KEY_LIMIT_EXCEEDED: fixed(
    'LimitExceeded.User.AccessKey',
    409,
    'The access key count of the user access keys beyond the current limits.',
  ),
  POLICY_NOT_FOUND: fixed('EntityNotExist.Policy', 404, 'The policy does not exist.'),
  POLICY_ALREADY_ATTACHED: fixed(
    'EntityAlreadyExists.User.Policy',
    409,
    'The user has already been attached this policy.',
  ),
  POLICY_NOT_ATTACHED: fixed(
    'EntityNotExist.User.Policy',
    404,
    'The indicate policy of the user does not exist.',
  ),
  ACCOUNT_NOT_FOUND: fixed('EntityNotExist.Account', 404, 'The account does not exist.'),
  SERVICE_UNAVAILABLE: fixed(
    'ServiceUnavailable',
    503,
    'The request has failed due to a temporary failure of the server.',
  ),
  // Only reaches the wire if resealing under the new master key failed too: a temporary condition.
  SEALING_KEY_RETIRED: fixed(
    'ServiceUnavailable.MasterKeyRotation',
    503,
    'A master key rotation overtook the request; please retry.',
  ),
  INTERNAL: fixed('InternalError', 500, 'An internal error occurred.'),
};
