/**
 * A signed request described neutrally: exactly what the signature schemes akm verifies (ACS3-HMAC-SHA256,
 * V1 HMAC-SHA1, SigV4) cover, with the body reduced to its SHA-256. akm's own wires build it from the
 * request they received; the verification endpoint builds it from the parts a service forwards. Both
 * hand it to the same claim builders, so a forwarded request is checked exactly like one of akm's own.
 */
import { sha256Hex } from '../signing/acs-v3.js';
import type { HeaderMap } from '../signing/canonical-parts.js';
import { readWireParameters, type WireParameters, type WireRequest } from './wire.js';

/** Name/value pairs in wire order, duplicates kept. */
export type Pairs = ReadonlyArray<readonly [string, string]>;

/** The parts of a request that its signature covers. */
export interface SignedRequest {
  /** The HTTP method, upper-case. */
  readonly method: string;
  /** The path as sent (still percent-encoded), without the query. */
  readonly path: string;
  /** Headers keyed by lower-case name. */
  readonly headers: HeaderMap;
  /** The decoded query parameters. */
  readonly queryPairs: Pairs;
  /** The decoded parameters of a form-encoded body (V1 signs them); empty otherwise. */
  readonly formPairs: Pairs;
  /** Lower-case hex SHA-256 of the body. */
  readonly bodySha256: string;
}

/** The SHA-256 of an empty body. */
export const EMPTY_BODY_SHA256 = sha256Hex('');

/** Describes a received request; its parameters are decoded unless the caller already has them. */
export function signedRequestOf(
  request: WireRequest,
  parameters: WireParameters = readWireParameters(request),
): SignedRequest {
  return {
    method: request.method,
    path: request.path,
    headers: request.headers,
    queryPairs: parameters.queryPairs,
    formPairs: parameters.bodyPairs,
    bodySha256: sha256Hex(request.body),
  };
}
