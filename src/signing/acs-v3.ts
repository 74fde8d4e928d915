// Alibaba Cloud signature V3 (ACS3-HMAC-SHA256): Authorization parsing, canonical request, signature.
// Spec: https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature
// and /work/shared/protocol/ram-rpc.md §2.3; openapi-core `getAuthorization`.

import { createHash, createHmac } from 'node:crypto';
import {
  canonicalQuery,
  canonicalUri,
  compareCodeUnits,
  type HeaderMap,
  lookupHeader,
} from './canonical-parts.js';

/** The algorithm every official client uses by default. */
const DEFAULT_ALGORITHM = 'ACS3-HMAC-SHA256';

/** `ACS3-HMAC-SHA256`, `ACS3-HMAC-SM3`, `ACS3-RSA-SHA256`, … */
const ALGORITHM_NAME = /^ACS3-[A-Z0-9-]+$/;

/** The parsed `Authorization` header of a V3 request. */
export interface AcsV3Authorization {
  /** The signature algorithm, e.g. `ACS3-HMAC-SHA256`. */
  readonly algorithm: string;
  /** The `Credential` value: the AccessKey ID. */
  readonly accessKeyId: string;
  /** The `SignedHeaders` list, lower-cased, in the order given. */
  readonly signedHeaders: string[];
  /** The `Signature` value as sent (hex for the HMAC algorithms). */
  readonly signature: string;
}

/** Everything {@link buildAcsV3CanonicalRequest} needs, taken from the request as received. */
export interface AcsV3CanonicalRequestInput {
  /** The HTTP method, upper-case. */
  readonly method: string;
  /** The decoded request path; `/` for RPC. Each segment is RFC 3986-encoded, `/` is kept. */
  readonly pathname: string;
  /** The decoded query parameters (not the form body: V3 signs the body through its hash). */
  readonly query: Iterable<readonly [string, string]>;
  /** Request headers keyed by lower-case name, as Node's `IncomingMessage#headers` gives them. */
  readonly headers: HeaderMap;
  /** The header names to sign, from the Authorization header. */
  readonly signedHeaders: readonly string[];
  /** Lower-case hex SHA-256 of the body (`x-acs-content-sha256`). */
  readonly hashedPayload: string;
}

/**
 * Parses `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<h1;h2>,Signature=<hex>`.
 *
 * Tolerates spaces around the commas. Each of the three fields must appear exactly once and be
 * non-empty; any other field, a duplicate, or an empty header name makes the header malformed.
 *
 * @param header - the raw `Authorization` header value
 * @returns the parsed fields, or `undefined` when the header is malformed
 */
export function parseAcsV3Authorization(header: string): AcsV3Authorization | undefined {
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  if (space <= 0) return undefined;
  const algorithm = trimmed.slice(0, space);
  if (!ALGORITHM_NAME.test(algorithm)) return undefined;

  const fields = parseFields(trimmed.slice(space + 1));
  if (fields === undefined) return undefined;
  const accessKeyId = fields.get('Credential');
  const signedHeaderList = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (fields.size !== 3 || !accessKeyId || !signedHeaderList || !signature) return undefined;

  const signedHeaders = signedHeaderList.split(';').map((name) => name.trim().toLowerCase());
  if (signedHeaders.some((name) => name === '')) return undefined;
  return { algorithm, accessKeyId, signedHeaders, signature };
}

/** Splits `k=v, k=v` into a map; `undefined` on a pair without `=` or a repeated key. */
function parseFields(list: string): Map<string, string> | undefined {
  const fields = new Map<string, string>();
  for (const part of list.split(',')) {
    const pair = part.trim();
    const eq = pair.indexOf('=');
    if (eq <= 0) return undefined;
    const key = pair.slice(0, eq);
    if (fields.has(key)) return undefined;
    fields.set(key, pair.slice(eq + 1).trim());
  }
  return fields;
}

/**
 * Builds the V3 CanonicalRequest:
 * `METHOD \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload`.
 *
 * @param input - the request as received; see {@link AcsV3CanonicalRequestInput}
 * @returns the canonical request (its SHA-256 goes into the string to sign)
 */
export function buildAcsV3CanonicalRequest(input: AcsV3CanonicalRequestInput): string {
  // Sorted and de-duplicated so that the header lines and the SignedHeaders line always agree.
  const names = [...new Set(input.signedHeaders.map((name) => name.toLowerCase()))].sort();
  return [
    input.method,
    canonicalUri(input.pathname),
    canonicalQuery(input.query),
    // Each header line ends in '\n', so a blank line separates the headers from SignedHeaders.
    names.map((name) => `${name}:${canonicalHeaderValue(lookupHeader(input.headers, name))}\n`).join(''),
    names.join(';'),
    input.hashedPayload,
  ].join('\n');
}

/** Trimmed value; repeated values trimmed, sorted and comma-joined; an absent header is empty. */
function canonicalHeaderValue(value: string | readonly string[] | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  return value
    .map((v) => v.trim())
    .sort(compareCodeUnits)
    .join(',');
}

/**
 * Builds the V3 StringToSign: `algorithm + "\n" + HexSHA256(canonicalRequest)`.
 *
 * @param canonicalRequest - from {@link buildAcsV3CanonicalRequest}
 * @param algorithm - the algorithm named in the Authorization header
 * @returns the string to sign
 */
export function buildAcsV3StringToSign(canonicalRequest: string, algorithm = DEFAULT_ALGORITHM): string {
  return `${algorithm}\n${sha256Hex(canonicalRequest)}`;
}

/**
 * Computes the ACS3-HMAC-SHA256 signature: Hex(HMAC-SHA256(key = secret, stringToSign)).
 * Unlike V1, the key is the raw secret with no trailing `&`.
 *
 * @param stringToSign - from {@link buildAcsV3StringToSign}
 * @param secret - the AccessKey secret
 * @returns the lower-case hex signature
 */
export function computeAcsV3Signature(stringToSign: string, secret: string): string {
  return createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');
}

/**
 * Lower-case hex SHA-256, as used for `x-acs-content-sha256` and the hashed canonical request.
 *
 * @param data - a string (hashed as UTF-8) or raw bytes
 * @returns 64 lower-case hex digits
 */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
