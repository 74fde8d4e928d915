/** The HTTP exchange as protocols see it: built by http/, answered by a protocol adapter. */
import type { IncomingHttpHeaders } from 'node:http';
import type { UseOrigin } from '../domain/entities.js';
import { type HeaderMap, lookupHeader } from '../signing/canonical-parts.js';
import { parseFormEncoded } from '../signing/parse-form.js';

/** A received request, body fully read. Header names are lower-case (Node's convention). */
export interface WireRequest {
  readonly method: string;
  /** The path without the query string, as sent (not decoded). */
  readonly path: string;
  /** The raw query string without `?` ('' when none). */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The client's address: the socket's peer, or the forwarded client behind a trusted proxy. */
  readonly remoteAddress: string;
}

/** A response to write. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What a protocol adapter reports about a request for the access log (never a secret). */
export interface WireOutcome {
  readonly response: WireResponse;
  readonly action?: string | undefined;
  readonly accessKeyId?: string | undefined;
  readonly errorCode?: string | undefined;
}

/** The first value of a header that may repeat (own properties only: the map may come from JSON). */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  const v = lookupHeader(headers, name);
  return typeof v === 'string' ? v : v?.[0];
}

/** The parameters of an RPC-style request: its query and its form-encoded body. */
export interface WireParameters {
  /** Query pairs in wire order, duplicates kept. */
  readonly queryPairs: ReadonlyArray<readonly [string, string]>;
  /** Form body pairs in wire order, duplicates kept (none unless the body is form-encoded). */
  readonly bodyPairs: ReadonlyArray<readonly [string, string]>;
  /** Every parameter by name, query first; the first occurrence wins. */
  readonly params: ReadonlyMap<string, string>;
}

/** Decodes the query and an `application/x-www-form-urlencoded` body (`+` is a space); never throws. */
export function readWireParameters(request: WireRequest): WireParameters {
  const type = headerValue(request.headers, 'content-type') ?? '';
  const isForm =
    request.body.length > 0 && type.toLowerCase().startsWith('application/x-www-form-urlencoded');
  const queryPairs = parseFormEncoded(request.rawQuery);
  const bodyPairs = isForm ? parseFormEncoded(request.body.toString('utf8')) : [];
  return { queryPairs, bodyPairs, params: firstValues(queryPairs, bodyPairs) };
}

/** Every parameter by name, in the order of the lists given; the first occurrence wins. */
export function firstValues(
  ...lists: ReadonlyArray<ReadonlyArray<readonly [string, string]>>
): Map<string, string> {
  const params = new Map<string, string>();
  for (const pairs of lists) for (const [k, v] of pairs) if (!params.has(k)) params.set(k, v);
  return params;
}

/** Where a request came from and the action it asked for, as recorded with the key's use. */
export function originOf(request: WireRequest, action: string | undefined): UseOrigin {
  return {
    sourceIp: request.remoteAddress === '' ? null : request.remoteAddress,
    userAgent: headerValue(request.headers, 'user-agent') ?? null,
    action: action ?? null,
  };
}
