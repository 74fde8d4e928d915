// Client-side SigV4 signing (what the AWS SDKs do), for our own tests, the CLI and the benchmark.

import { sha256Hex } from './acs-v3.js';
import {
  buildSigV4CanonicalRequest,
  buildSigV4StringToSign,
  computeSigV4Signature,
  formatAmzDate,
  formatSigV4Scope,
  SIGV4_ALGORITHM,
  type SigV4Scope,
} from './aws-sigv4.js';
import { parseFormEncoded } from './parse-form.js';

/** Input to {@link signAwsRequest}. */
export interface SignAwsInput {
  readonly method: string;
  /** The Host header value, including any `:port`. */
  readonly host: string;
  /** The path as it will be sent; defaults to `/`. */
  readonly path?: string;
  /** The raw query string (without `?`) as it will be sent; defaults to none. */
  readonly rawQuery?: string;
  /** The exact body bytes that will be sent. */
  readonly body?: string | Uint8Array;
  /** More headers to send and sign (e.g. `content-type`); names are lower-cased. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly accessKeyId: string;
  readonly secret: string;
  readonly region: string;
  /** The signing name: `iam` or `sts`. */
  readonly service: string;
  /** Defaults to now. */
  readonly date?: Date;
  /** Send `x-amz-content-sha256` as the JS SDK does (default true). */
  readonly contentSha256Header?: boolean;
}

/**
 * Builds the headers of a SigV4-signed request, `authorization` included. Signs `host`, `x-amz-date`,
 * `x-amz-content-sha256` when sent, and every header in `input.headers`.
 *
 * @param input - see {@link SignAwsInput}
 * @returns the headers to send, all names lower-case
 */
export function signAwsRequest(input: SignAwsInput): Record<string, string> {
  const date = input.date ?? new Date();
  const amzDate = formatAmzDate(date);
  const payloadHash = sha256Hex(input.body ?? '');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  headers.host = input.host;
  headers['x-amz-date'] = amzDate;
  if (input.contentSha256Header ?? true) headers['x-amz-content-sha256'] = payloadHash;

  const scope: SigV4Scope = { date: amzDate.slice(0, 8), region: input.region, service: input.service };
  const signedHeaders = Object.keys(headers).sort();
  const canonicalRequest = buildSigV4CanonicalRequest({
    method: input.method,
    path: input.path ?? '/',
    query: parseFormEncoded(input.rawQuery ?? ''),
    headers,
    signedHeaders,
    payloadHash,
  });
  const signature = computeSigV4Signature(
    buildSigV4StringToSign(amzDate, scope, canonicalRequest),
    input.secret,
    scope,
  );
  headers.authorization = `${SIGV4_ALGORITHM} Credential=${input.accessKeyId}/${formatSigV4Scope(scope)}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  return headers;
}
