/** The HTTP exchange as protocols see it: built by http/, answered by a protocol adapter. */
import type { IncomingHttpHeaders } from 'node:http';

/** A received request, body fully read. Header names are lower-case (Node's convention). */
export interface WireRequest {
  readonly method: string;
  /** The path without the query string, as sent (not decoded). */
  readonly path: string;
  /** The raw query string without `?` ('' when none). */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
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

/** The first value of a header that may repeat. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
