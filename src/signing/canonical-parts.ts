// Pieces of a canonical request that ACS3-HMAC-SHA256 and AWS SigV4 build the same way.

import { percentEncode } from './percent-encode.js';

/** Request headers keyed by lower-case name, as Node's `IncomingMessage#headers` gives them. */
export type HeaderMap = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Compares strings by UTF-16 code units (what both schemes sort by), never by locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Each `/`-separated segment of `path` RFC 3986-encoded, `/` kept; an empty path is `/`. */
export function canonicalUri(path: string): string {
  if (path === '') return '/';
  return path.split('/').map(percentEncode).join('/');
}

/** RFC 3986-encode keys and values, sort by encoded key then value, join `k=v` with `&`. */
export function canonicalQuery(query: Iterable<readonly [string, string]>): string {
  const pairs = [...query].map(([key, value]) => [percentEncode(key), percentEncode(value)] as const);
  pairs.sort(([ka, va], [kb, vb]) => compareCodeUnits(ka, kb) || compareCodeUnits(va, vb));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

/** Own properties only: a signed header named `constructor` must not find `Object.prototype`'s. */
export function lookupHeader(headers: HeaderMap, name: string): string | readonly string[] | undefined {
  return Object.hasOwn(headers, name) ? headers[name] : undefined;
}
