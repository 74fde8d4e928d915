// AWS Signature Version 4 (AWS4-HMAC-SHA256): Authorization parsing, canonical request, string to sign,
// signing key and signature. Pure functions; the server verifies with them, the client signer signs.
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
// and /work/shared/protocol/aws-query.md §2.2; vectors: the aws-sig-v4-test-suite and the IAM ListUsers example.

import { createHash, createHmac } from 'node:crypto';
import { sha256Hex } from './acs-v3.js';
import { canonicalQuery, canonicalUri, type HeaderMap, lookupHeader } from './canonical-parts.js';

/** The only SigV4 algorithm akm speaks. */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** The last element of every SigV4 credential scope. */
const SCOPE_TERMINATOR = 'aws4_request';

/** The credential scope of a signature: `<date>/<region>/<service>/aws4_request`. */
export interface SigV4Scope {
  /** `YYYYMMDD`, the UTC day of `x-amz-date`. */
  readonly date: string;
  readonly region: string;
  /** The signing name, e.g. `iam` or `sts`. */
  readonly service: string;
}

/** The parsed `Authorization` header of a SigV4 request. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  readonly scope: SigV4Scope;
  /** The `SignedHeaders` list exactly as sent, split on `;`. */
  readonly signedHeaders: readonly string[];
  /** The hex signature as sent. */
  readonly signature: string;
}

/** What {@link buildSigV4CanonicalRequest} needs, taken from the request as received. */
export interface SigV4CanonicalRequestInput {
  readonly method: string;
  /** The path as sent on the wire (still percent-encoded), without the query. */
  readonly path: string;
  /** The decoded query parameters, duplicates kept. */
  readonly query: Iterable<readonly [string, string]>;
  /** Headers keyed by lower-case name, as Node's `IncomingMessage#headers` gives them. */
  readonly headers: HeaderMap;
  /** The header names to sign, lower-case, in the order of the SignedHeaders list. */
  readonly signedHeaders: readonly string[];
  /** Lower-case hex SHA-256 of the body. */
  readonly payloadHash: string;
}

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=a;b, Signature=hex`.
 *
 * Each of the three fields must appear exactly once; the credential must have five `/`-separated parts
 * ending in `aws4_request`, and the signed header names must be non-empty.
 *
 * @param header - the raw `Authorization` header value
 * @returns the parsed fields, or `undefined` when the header is malformed
 */
export function parseSigV4Authorization(header: string): SigV4Authorization | undefined {
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${SIGV4_ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(SIGV4_ALGORITHM.length + 1).split(',')) {
    const pair = part.trim();
    const eq = pair.indexOf('=');
    if (eq <= 0 || fields.has(pair.slice(0, eq))) return undefined;
    fields.set(pair.slice(0, eq), pair.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/');
  const signedHeaders = fields.get('SignedHeaders')?.split(';');
  const signature = fields.get('Signature');
  if (fields.size !== 3 || !credential || !signedHeaders || !signature) return undefined;
  const [accessKeyId, date, region, service, terminator] = credential;
  if (credential.length !== 5 || terminator !== SCOPE_TERMINATOR) return undefined;
  if (!accessKeyId || !date || !region || !service || signedHeaders.some((h) => h === '')) return undefined;
  return { accessKeyId, scope: { date, region, service }, signedHeaders, signature };
}

/**
 * Builds the canonical request:
 * `METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n PayloadHash`.
 *
 * - The canonical URI encodes each segment of the path as sent once more (non-S3 services sign the
 *   path double-encoded); an empty path is `/`.
 * - The canonical query RFC 3986-encodes names and values and sorts by encoded name, then value.
 * - Each signed header is `name:value` with the value trimmed and inner runs of spaces collapsed.
 *
 * @param input - the request as received; see {@link SigV4CanonicalRequestInput}
 * @returns the canonical request (its SHA-256 goes into the string to sign)
 */
export function buildSigV4CanonicalRequest(input: SigV4CanonicalRequestInput): string {
  const names = input.signedHeaders.map((name) => name.toLowerCase());
  return [
    input.method,
    canonicalUri(input.path),
    canonicalQuery(input.query),
    names.map((name) => `${name}:${canonicalHeaderValue(lookupHeader(input.headers, name))}\n`).join(''),
    names.join(';'),
    input.payloadHash,
  ].join('\n');
}

function canonicalHeaderValue(value: string | readonly string[] | undefined): string {
  if (value === undefined) return '';
  const values = typeof value === 'string' ? [value] : value;
  return values.map((v) => v.trim().replace(/ +/g, ' ')).join(',');
}

/** The scope as it appears in the credential and the string to sign. */
export function formatSigV4Scope(scope: SigV4Scope): string {
  return `${scope.date}/${scope.region}/${scope.service}/${SCOPE_TERMINATOR}`;
}

/**
 * Builds the string to sign: `AWS4-HMAC-SHA256 \n amzDate \n scope \n hex(sha256(canonicalRequest))`.
 *
 * @param amzDate - the `x-amz-date` value, `YYYYMMDDTHHMMSSZ`
 * @param scope - the credential scope
 * @param canonicalRequest - from {@link buildSigV4CanonicalRequest}
 */
export function buildSigV4StringToSign(amzDate: string, scope: SigV4Scope, canonicalRequest: string): string {
  return `${SIGV4_ALGORITHM}\n${amzDate}\n${formatSigV4Scope(scope)}\n${sha256Hex(canonicalRequest)}`;
}

/** Derived keys are valid for one secret, day, region and service; a busy server reuses a few. */
const SIGNING_KEY_CACHE_SIZE = 256;
const signingKeys = new Map<string, Buffer>();

/**
 * Derives the signing key `HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")`.
 * Results are kept in a small bounded cache keyed by a hash of the inputs (never the secret itself).
 *
 * @param secret - the secret access key
 * @param scope - the credential scope
 * @returns the 32-byte signing key
 */
export function deriveSigV4SigningKey(secret: string, scope: SigV4Scope): Buffer {
  const cacheKey = createHash('sha256')
    .update([secret, scope.date, scope.region, scope.service].join('\0'))
    .digest('base64');
  const cached = signingKeys.get(cacheKey);
  if (cached) return cached;
  const kDate = hmac(`AWS4${secret}`, scope.date);
  const key = hmac(hmac(hmac(kDate, scope.region), scope.service), SCOPE_TERMINATOR);
  // Map keeps insertion order: dropping the first entry evicts the oldest.
  if (signingKeys.size >= SIGNING_KEY_CACHE_SIZE) signingKeys.delete(signingKeys.keys().next().value ?? '');
  signingKeys.set(cacheKey, key);
  return key;
}

/**
 * Computes the signature: hex(HMAC-SHA256(signingKey, stringToSign)).
 *
 * @param stringToSign - from {@link buildSigV4StringToSign}
 * @param secret - the secret access key
 * @param scope - the credential scope the key is derived for
 * @returns 64 lower-case hex digits
 */
export function computeSigV4Signature(stringToSign: string, secret: string, scope: SigV4Scope): string {
  return createHmac('sha256', deriveSigV4SigningKey(secret, scope))
    .update(stringToSign, 'utf8')
    .digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/**
 * Formats an instant as `x-amz-date`: `YYYYMMDDTHHMMSSZ`.
 *
 * @param date - the instant
 * @returns e.g. `20150830T123600Z`
 */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * Parses an `x-amz-date` value.
 *
 * @param value - `YYYYMMDDTHHMMSSZ`
 * @returns the instant, or `undefined` when the value is not a real date in that form
 */
export function parseAmzDate(value: string): Date | undefined {
  const m = AMZ_DATE.exec(value);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  // Date rolls impossible dates over (Feb 30 → Mar 1); a real one formats back to the same text.
  return Number.isNaN(date.getTime()) || formatAmzDate(date) !== value ? undefined : date;
}
