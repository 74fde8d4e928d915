/**
 * What the middleware forwards to akm about a request it received: method, host, path, query, the
 * headers its signature covers (never cookies or other headers), the body's SHA-256, the decoded form
 * parameters of a form-encoded body (V1 signs them) and the client's address. Never the body itself.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { parseFormEncoded } from '../signing/parse-form.js';

/** Values by name; a repeated name has a list. */
export type NameValues = Record<string, string | string[]>;

/** The JSON object `/v1/verify` takes. */
export interface ForwardedRequestJson {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly query: NameValues;
  readonly form?: NameValues;
  readonly headers: NameValues;
  readonly bodySha256: string;
  readonly sourceIp?: string;
}

/** What the middleware knows about a received request. */
export interface ReceivedRequest {
  readonly method: string;
  /** The request target as received: path and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly bodySha256: string;
  /** The body, when the middleware has it (needed for V1 form bodies). */
  readonly body?: Buffer;
  readonly sourceIp?: string;
}

/** Headers forwarded whether or not they are signed: the signature itself and the user agent (usage). */
const ALWAYS_FORWARDED = ['authorization', 'user-agent', 'content-type'];

function nameValues(pairs: ReadonlyArray<readonly [string, string]>): NameValues {
  const out: NameValues = {};
  for (const [name, value] of pairs) {
    const seen = Object.hasOwn(out, name) ? out[name] : undefined;
    out[name] = seen === undefined ? value : [...(typeof seen === 'string' ? [seen] : seen), value];
  }
  return out;
}

/** The header names an Authorization header says it signs (ACS3 and SigV4 both list `SignedHeaders`). */
function signedHeaderNames(authorization: string): string[] {
  const list = /SignedHeaders=([^,\s]*)/.exec(authorization)?.[1] ?? '';
  return list.split(';').map((name) => name.trim().toLowerCase());
}

function forwardedHeaders(headers: IncomingHttpHeaders): NameValues {
  const authorization = typeof headers.authorization === 'string' ? headers.authorization : '';
  const names = new Set([...ALWAYS_FORWARDED, ...signedHeaderNames(authorization)]);
  const out: NameValues = {};
  for (const name of names) {
    const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function isForm(headers: IncomingHttpHeaders): boolean {
  return (headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** The object to forward for a received request. */
export function forwardedPartsOf(received: ReceivedRequest): ForwardedRequestJson {
  const q = received.url.indexOf('?');
  const path = q < 0 ? received.url : received.url.slice(0, q);
  const rawQuery = q < 0 ? '' : received.url.slice(q + 1);
  const form =
    received.body !== undefined && received.body.length > 0 && isForm(received.headers)
      ? { form: nameValues(parseFormEncoded(received.body.toString('utf8'))) }
      : {};
  return {
    method: received.method,
    host: received.headers.host ?? '',
    path: path === '' ? '/' : path,
    query: nameValues(parseFormEncoded(rawQuery)),
    ...form,
    headers: forwardedHeaders(received.headers),
    bodySha256: received.bodySha256,
    ...(received.sourceIp === undefined ? {} : { sourceIp: received.sourceIp }),
  };
}
