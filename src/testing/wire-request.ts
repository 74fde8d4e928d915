/** Builds WireRequests for protocol tests, with the defaults a client on 127.0.0.1 would produce. */
import type { IncomingHttpHeaders } from 'node:http';
import type { WireRequest } from '../protocol/wire.js';

/** Parts of a request a test cares about; everything else gets a harmless default. */
export interface WireRequestParts {
  readonly method?: string;
  readonly path?: string;
  readonly rawQuery?: string;
  readonly headers?: IncomingHttpHeaders;
  readonly body?: string | Buffer;
}

/** A received request: `POST /` with no query, no headers and an empty body unless given. */
export function wireRequest(parts: WireRequestParts = {}): WireRequest {
  const body = parts.body ?? '';
  return {
    method: parts.method ?? 'POST',
    path: parts.path ?? '/',
    rawQuery: parts.rawQuery ?? '',
    headers: parts.headers ?? {},
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    remoteAddress: '127.0.0.1',
  };
}

/** A form-encoded POST body with its content type. */
export function formPost(body: string, parts: WireRequestParts = {}): WireRequest {
  return wireRequest({
    ...parts,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...parts.headers },
  });
}
