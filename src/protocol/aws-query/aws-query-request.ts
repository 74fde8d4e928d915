/**
 * Reads an awsQuery request (IAM, STS): `Action`, `Version` and parameters from a form-encoded POST body
 * (`+` is a space) and the query string, merged with the first occurrence winning. Also decides which
 * requests belong to this wire at all.
 */
import { headerValue, readWireParameters, type WireRequest } from '../wire.js';

/** The SigV4 algorithm prefix of an Authorization header. */
const SIGV4_PREFIX = 'AWS4-HMAC-SHA256';
/** The API versions served on this wire: IAM's and STS's. */
export const IAM_API_VERSION = '2010-05-08';
export const STS_API_VERSION = '2011-06-15';

/** A parsed awsQuery request. */
export interface AwsQueryRequest {
  readonly action: string | undefined;
  readonly version: string | undefined;
  /** Every parameter by name; the first occurrence wins. */
  readonly params: ReadonlyMap<string, string>;
  /** Query pairs in wire order, duplicates kept (what the canonical query signs). */
  readonly queryPairs: ReadonlyArray<readonly [string, string]>;
  /** Form body pairs in wire order (none unless the body is form-encoded). */
  readonly bodyPairs: ReadonlyArray<readonly [string, string]>;
}

/** Parses the query and form body into an {@link AwsQueryRequest}; never throws. */
export function parseAwsQueryRequest(request: WireRequest): AwsQueryRequest {
  const { queryPairs, bodyPairs, params } = readWireParameters(request);
  return { action: params.get('Action'), version: params.get('Version'), params, queryPairs, bodyPairs };
}

/**
 * Whether the request is for this wire: signed with SigV4, or naming the IAM or STS API version in its
 * query or form body. Everything else is RAM's. Works on a request whose body is not read yet (empty).
 */
export function isAwsQueryRequest(request: WireRequest): boolean {
  if ((headerValue(request.headers, 'authorization') ?? '').startsWith(SIGV4_PREFIX)) return true;
  const version = parseAwsQueryRequest(request).version;
  return version === IAM_API_VERSION || version === STS_API_VERSION;
}
