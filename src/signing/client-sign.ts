// Client-side signing (what the official SDKs do), for our own tests, the CLI and the benchmark.
// Mirrors @alicloud/pop-core (V1) and @alicloud/openapi-core `doRequest` + `getAuthorization` (V3).

import { randomBytes } from 'node:crypto';
import { buildAcsV1StringToSign, computeAcsV1Signature } from './acs-v1.js';
import {
  buildAcsV3CanonicalRequest,
  buildAcsV3StringToSign,
  computeAcsV3Signature,
  sha256Hex,
} from './acs-v3.js';
import { percentEncode } from './percent-encode.js';

const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** Input to {@link signAcsV1Params}. */
export interface SignAcsV1Input {
  /** The HTTP method the request will be sent with; it is part of what is signed. */
  readonly method: string;
  /** Business parameters plus `Action` and `Version`, as the caller wants them sent. */
  readonly params: Record<string, string>;
  readonly accessKeyId: string;
  readonly secret: string;
  /** Defaults to 32 random hex digits. */
  readonly nonce?: string;
  /** Defaults to now. */
  readonly timestamp?: Date;
  /** Defaults to `params.Format`, else `JSON`. */
  readonly format?: string;
}

/** Input to {@link signAcsV3Request}. */
export interface SignAcsV3Input {
  readonly method: string;
  /** The Host header value, including any `:port`. */
  readonly host: string;
  /** Defaults to `/` (RPC). */
  readonly pathname?: string;
  /** Parameters that will be sent in the query string (build it with {@link encodeQuery}). */
  readonly query: Record<string, string>;
  /** The exact body bytes that will be sent; omit for an empty body without content-type. */
  readonly body?: string | Uint8Array;
  /** Defaults to form-urlencoded for a string body and octet-stream for bytes. */
  readonly contentType?: string;
  readonly action: string;
  readonly version: string;
  readonly accessKeyId: string;
  readonly secret: string;
  /** Defaults to 64 random hex digits, like openapi-core. */
  readonly nonce?: string;
  /** Defaults to now. */
  readonly date?: Date;
  /**
   * More headers to send (e.g. `x-acs-credentials-provider`); `x-acs-*` ones are signed. They cannot
   * replace the headers this helper sets itself.
   */
  readonly extraHeaders?: Record<string, string>;
}

/**
 * Formats a date as the `Timestamp` / `x-acs-date` value: `YYYY-MM-DDTHH:mm:ssZ` in UTC.
 *
 * @param d - the instant
 * @returns e.g. `2026-11-29T19:42:46Z`
 */
export function formatAcsTimestamp(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/**
 * RFC 3986-encodes parameters as a query string (or form body), in insertion order.
 *
 * @param params - decoded names and values
 * @returns `k=v&k=v` with both sides percent-encoded
 */
export function encodeQuery(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
}

/**
 * Adds the V1 common parameters and the HMAC-SHA1 `Signature`, like pop-core does.
 *
 * @param input - see {@link SignAcsV1Input}
 * @returns every parameter to send (query string or form body), `Signature` included
 */
export function signAcsV1Params(input: SignAcsV1Input): Record<string, string> {
  const params: Record<string, string> = {
    ...input.params,
    Format: input.format ?? input.params.Format ?? 'JSON',
    AccessKeyId: input.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: input.nonce ?? randomBytes(16).toString('hex'),
    Timestamp: formatAcsTimestamp(input.timestamp ?? new Date()),
  };
  const stringToSign = buildAcsV1StringToSign(input.method, Object.entries(params));
  return { ...params, Signature: computeAcsV1Signature(stringToSign, input.secret) };
}

/**
 * Builds the headers of an ACS3-HMAC-SHA256 request, `authorization` included, like openapi-core:
 * it signs `host`, `content-type` when present, and every `x-acs-*` header.
 *
 * @param input - see {@link SignAcsV3Input}
 * @returns the headers to send, all names lower-case
 */
export function signAcsV3Request(input: SignAcsV3Input): Record<string, string> {
  const hashedPayload = sha256Hex(input.body ?? '');
  const headers: Record<string, string> = {};
  // Extras first, so they can never replace the headers this function is responsible for.
  for (const [name, value] of Object.entries(input.extraHeaders ?? {})) headers[name.toLowerCase()] = value;
  Object.assign(headers, {
    host: input.host,
    'x-acs-action': input.action,
    'x-acs-version': input.version,
    'x-acs-date': formatAcsTimestamp(input.date ?? new Date()),
    'x-acs-signature-nonce': input.nonce ?? randomBytes(32).toString('hex'),
    'x-acs-content-sha256': hashedPayload,
  });
  if (input.body !== undefined) headers['content-type'] = input.contentType ?? defaultContentType(input.body);

  const signedHeaders = Object.keys(headers).filter(isSignedByClients).sort();
  const canonicalRequest = buildAcsV3CanonicalRequest({
    method: input.method,
    pathname: input.pathname ?? '/',
    query: Object.entries(input.query),
    headers,
    signedHeaders,
    hashedPayload,
  });
  const signature = computeAcsV3Signature(
    buildAcsV3StringToSign(canonicalRequest, V3_ALGORITHM),
    input.secret,
  );
  headers.authorization = `${V3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
  return headers;
}

function isSignedByClients(name: string): boolean {
  return name === 'host' || name === 'content-type' || name.startsWith('x-acs-');
}

function defaultContentType(body: string | Uint8Array): string {
  return typeof body === 'string' ? 'application/x-www-form-urlencoded' : 'application/octet-stream';
}
