/**
 * Reads the request a service forwards for verification: the JSON object
 * `{"method","host","path","query":{name:value},"headers":{name:value},"bodySha256"}` (values may be
 * lists for repeated names), with the optional `form` (the decoded parameters of a form-encoded body,
 * which V1 signs) and `sourceIp` (the address the service received it from). Never the body itself.
 */
import { z } from 'zod';
import { AkmError } from '../../domain/errors.js';
import type { HeaderMap } from '../../signing/canonical-parts.js';
import type { Pairs, SignedRequest } from '../signed-request.js';

const values = z.union([z.string().max(8192), z.array(z.string().max(8192)).max(64)]);
const nameValues = z.record(z.string().min(1).max(256), values);

const FORWARDED = z.object({
  method: z.string().regex(/^[A-Za-z]{1,16}$/),
  host: z.string().min(1).max(255),
  path: z.string().startsWith('/').max(8192),
  query: nameValues.default({}),
  form: nameValues.default({}),
  headers: nameValues.default({}),
  bodySha256: z.string().regex(/^[0-9a-fA-F]{64}$/),
  sourceIp: z.string().min(1).max(64).optional(),
});

/** A forwarded request: what its signature covers, and where the service received it from. */
export interface ForwardedRequest {
  readonly signed: SignedRequest;
  readonly sourceIp: string | null;
}

function pairsOf(record: Readonly<Record<string, string | readonly string[]>>): Pairs {
  return Object.entries(record).flatMap(([name, value]) =>
    typeof value === 'string' ? [[name, value] as const] : value.map((v) => [name, v] as const),
  );
}

/** Header names lower-cased (repeats merged in order), `host` from the request's own field. */
function headersOf(record: Readonly<Record<string, string | readonly string[]>>, host: string): HeaderMap {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of pairsOf(record)) {
    const key = name.toLowerCase();
    const seen = Object.hasOwn(headers, key) ? headers[key] : undefined;
    headers[key] = seen === undefined ? value : [...(typeof seen === 'string' ? [seen] : seen), value];
  }
  headers.host = host;
  return headers;
}

/** Parses the JSON text of a forwarded request; INVALID_VALUE on `field` when it is not one. */
export function parseForwardedRequest(text: string, field: string): ForwardedRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AkmError('INVALID_VALUE', { field, detail: 'not JSON' });
  }
  const parsed = FORWARDED.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AkmError('INVALID_VALUE', {
      field,
      detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    });
  }
  const request = parsed.data;
  return {
    signed: {
      method: request.method.toUpperCase(),
      path: request.path,
      headers: headersOf(request.headers, request.host),
      queryPairs: pairsOf(request.query),
      formPairs: pairsOf(request.form),
      bodySha256: request.bodySha256.toLowerCase(),
    },
    sourceIp: request.sourceIp ?? null,
  };
}
