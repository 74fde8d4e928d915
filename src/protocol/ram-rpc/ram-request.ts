/**
 * Reads a RAM RPC request: which signature scheme it uses, its action, version and format, and its
 * parameters from the query and an `application/x-www-form-urlencoded` body (merged; the query wins).
 * Values are decoded here and re-encoded by the signers, never reused raw (see ram-rpc.md §3.8).
 */
import { type SignedRequest, signedRequestOf } from '../signed-request.js';
import { firstValues, headerValue, type WireRequest } from '../wire.js';
import type { RamFormat } from './ram-render.js';

/** How a request is signed: ACS3-HMAC-SHA256 (header), V1 HMAC-SHA1 (parameter), or not at all. */
export type RamScheme = 'v3' | 'v1' | 'none';

/** A parsed RAM request. */
export interface RamRequest {
  readonly scheme: RamScheme;
  readonly action: string | undefined;
  readonly version: string | undefined;
  readonly format: RamFormat;
  /** Every parameter by name; the first occurrence wins for business use. */
  readonly params: ReadonlyMap<string, string>;
  /** What the signature covers: V3 signs the query pairs, V1 the query then the form pairs. */
  readonly signed: SignedRequest;
}

/** Parses the request line, headers and body into a {@link RamRequest}; never throws. */
export function parseRamRequest(request: WireRequest): RamRequest {
  return readRamRequest(signedRequestOf(request));
}

/** Reads a request described by its signed parts (akm's own, or one a service forwards); never throws. */
export function readRamRequest(signed: SignedRequest): RamRequest {
  const params = firstValues(signed.queryPairs, signed.formPairs);
  const authorization = headerValue(signed.headers, 'authorization') ?? '';
  const scheme: RamScheme = authorization.startsWith('ACS3-')
    ? 'v3'
    : params.has('Signature')
      ? 'v1'
      : 'none';
  // Action and version come from what the scheme signs: V3 headers, V1 parameters. Only an unsigned
  // request (which is refused anyway) may use either, so that it is refused for the right reason.
  const fromParam = (name: string) => (scheme === 'v3' ? undefined : params.get(name));
  const fromHeader = (name: string) => (scheme === 'v1' ? undefined : headerValue(signed.headers, name));
  const action = fromHeader('x-acs-action') ?? fromParam('Action');
  const version = fromHeader('x-acs-version') ?? fromParam('Version');
  const format: RamFormat = params.get('Format')?.toUpperCase() === 'XML' ? 'XML' : 'JSON';
  return { scheme, action, version, format, params, signed };
}
