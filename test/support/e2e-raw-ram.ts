/**
 * Raw RAM requests for the e2e authentication and format suites: a node:http sender that puts exactly the
 * given bytes on the wire, V1/V3 request builders over the client-sign helpers, and an independent
 * HMAC signer for requests the helpers cannot express (malformed dates, chosen SignedHeaders).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { expect } from 'vitest';
import {
  encodeQuery,
  formatAcsTimestamp,
  signAcsV1Params,
  signAcsV3Request,
} from '../../src/signing/client-sign.js';
import type { TestServer } from './akm-test-server.js';
import { prop } from './e2e-ram-callers.js';
import type { Credentials } from './ram-clients.js';

export const RAM_VERSION = '2015-05-01';

/** A request exactly as it goes on the wire. */
export interface RawRequest {
  readonly method: string;
  /** Path and raw query, sent unchanged (it may hold `%ZZ` and friends). */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** A response as received. */
export interface RawResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly text: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  readonly json: unknown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends `req` to the server; the Host header defaults to the server's `127.0.0.1:<port>`. */
export function sendRaw(server: Pick<TestServer, 'url' | 'endpoint'>, req: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(server.url);
  const headers: Record<string, string> = { host: server.endpoint, ...req.headers };
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, method: req.method, path: req.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          text,
          json: parseJson(text),
        });
      });
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/**
 * Sends a POST's headers (and optionally the start of its body) without ever finishing the body, then
 * waits for the answer: how an oversized upload is refused before it is read. Fails, rather than hangs,
 * when the connection closes without a response.
 */
export function sendHeadersOnly(
  server: TestServer,
  headers: Readonly<Record<string, string>>,
  bodyStart?: Buffer,
): Promise<RawResponse> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    let answered = false;
    let failure = 'none';
    const outgoing = request({ hostname, port, method: 'POST', path: '/', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        answered = true;
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          text,
          json: parseJson(text),
        });
        outgoing.destroy();
      });
    });
    // The server may reset the connection after answering; only a close without an answer is a failure.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      failure = error.code ?? error.message;
    });
    outgoing.on('close', () => {
      if (!answered) reject(new Error(`connection closed without a response (error: ${failure})`));
    });
    outgoing.flushHeaders();
    if (bodyStart) outgoing.write(bodyStart);
  });
}

/** The RAM `Code` of a JSON error body. */
export function codeOf(res: RawResponse): unknown {
  return prop(res.json, 'Code');
}

/** What one signed call carries; the builders turn it into a V1 or V3 request. */
export interface SignedCall {
  readonly action: string;
  readonly params?: Readonly<Record<string, string>>;
  readonly credentials: Credentials;
  readonly nonce?: string;
  readonly date?: Date;
  readonly version?: string;
}

/** A signature scheme as the suites loop over it. */
export interface SchemeDriver {
  readonly name: 'V1' | 'V3';
  build(server: TestServer, call: SignedCall): RawRequest;
}

/** V1 HMAC-SHA1 as pop-core sends it by default: GET with everything in the query. */
export const V1_GET: SchemeDriver = {
  name: 'V1',
  build(_server, call) {
    const signed = signAcsV1Params({
      method: 'GET',
      params: { Action: call.action, Version: call.version ?? RAM_VERSION, ...call.params },
      accessKeyId: call.credentials.accessKeyId,
      secret: call.credentials.accessKeySecret,
      ...(call.nonce === undefined ? {} : { nonce: call.nonce }),
      ...(call.date === undefined ? {} : { timestamp: call.date }),
    });
    return { method: 'GET', path: `/?${encodeQuery(signed)}`, headers: {} };
  },
};

/** V3 ACS3-HMAC-SHA256 as ram20150501 sends it: POST, business params in the query, empty body. */
export const V3_POST: SchemeDriver = {
  name: 'V3',
  build(server, call) {
    const query = { ...call.params };
    const headers = signAcsV3Request({
      method: 'POST',
      host: server.endpoint,
      query,
      action: call.action,
      version: call.version ?? RAM_VERSION,
      accessKeyId: call.credentials.accessKeyId,
      secret: call.credentials.accessKeySecret,
      extraHeaders: { 'x-acs-credentials-provider': 'static_ak' },
      ...(call.nonce === undefined ? {} : { nonce: call.nonce }),
      ...(call.date === undefined ? {} : { date: call.date }),
    });
    const qs = encodeQuery(query);
    return { method: 'POST', path: qs === '' ? '/' : `/?${qs}`, headers };
  },
};

export const SCHEMES: readonly SchemeDriver[] = [V1_GET, V3_POST];

/** Replaces (or adds) one query parameter of an already signed request, leaving everything else as is. */
export function withQueryParam(req: RawRequest, name: string, value: string): RawRequest {
  const [path = '/', query = ''] = req.path.split('?');
  const pairs = query === '' ? [] : query.split('&').filter((p) => !p.startsWith(`${name}=`));
  pairs.push(`${rfc3986(name)}=${rfc3986(value)}`);
  return { ...req, path: `${path}?${pairs.join('&')}` };
}

/** A fresh random nonce. */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** RFC 3986 percent-encoding, written independently of akm's encoder. */
export function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Signs exactly the given V1 parameters (nothing added): for requests with chosen or missing common params. */
export function signV1Exact(
  method: string,
  params: Readonly<Record<string, string>>,
  secret: string,
): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k] ?? '')}`)
    .join('&');
  const stringToSign = `${method}&${rfc3986('/')}&${rfc3986(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** Input of {@link signV3Exact}. */
export interface V3ExactInput {
  readonly method: string;
  /** Decoded query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** Every header to send except authorization, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The SignedHeaders to declare and sign. */
  readonly signedHeaders: readonly string[];
  /** The hash to sign as the payload hash. */
  readonly payloadHash: string;
  readonly credentials: Credentials;
  readonly algorithm?: string;
}

/** An ACS3-HMAC-SHA256 Authorization over exactly the given headers and SignedHeaders. */
export function signV3Exact(input: V3ExactInput): string {
  const query = Object.keys(input.query)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(input.query[k] ?? '')}`)
    .join('&');
  const names = [...input.signedHeaders].sort();
  const canonicalHeaders = names.map((n) => `${n}:${(input.headers[n] ?? '').trim()}\n`).join('');
  const canonical = [input.method, '/', query, canonicalHeaders, names.join(';'), input.payloadHash].join(
    '\n',
  );
  const algorithm = input.algorithm ?? 'ACS3-HMAC-SHA256';
  const stringToSign = `${algorithm}\n${sha256(canonical)}`;
  const signature = createHmac('sha256', input.credentials.accessKeySecret)
    .update(stringToSign)
    .digest('hex');
  return `${algorithm} Credential=${input.credentials.accessKeyId},SignedHeaders=${names.join(';')},Signature=${signature}`;
}

/** Lower-case hex SHA-256. */
export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The standard V3 headers (without authorization) for `action`, with a chosen date string. */
export function v3Headers(
  server: TestServer,
  action: string,
  date: string,
  body = '',
): Record<string, string> {
  return {
    host: server.endpoint,
    'x-acs-action': action,
    'x-acs-version': RAM_VERSION,
    'x-acs-date': date,
    'x-acs-signature-nonce': newNonce(),
    'x-acs-content-sha256': sha256(body),
  };
}

/** Asserts a RAM JSON error with exactly this status and a Code equal to (or matching) `code`. */
export function expectRamError(res: RawResponse, status: number, code: string | RegExp): void {
  expect({ status: res.status, code: codeOf(res) }).toEqual({
    status,
    code: typeof code === 'string' ? code : expect.stringMatching(code),
  });
  expect(res.contentType).toMatch(/^application\/json/);
  expect(res.json).toMatchObject({ RequestId: expect.any(String), Message: expect.any(String) });
}

/** Asserts a RAM JSON error with some 4xx status and some Code: never a 5xx, never a bare body. */
export function expectRamClientError(res: RawResponse): void {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.contentType).toMatch(/^application\/json/);
  expect(codeOf(res)).toEqual(expect.stringMatching(/^[A-Z][A-Za-z.]+$/));
  expect(res.json).toMatchObject({ RequestId: expect.any(String), Message: expect.any(String) });
}

/** Every V1 common parameter for `credentials`, unsigned: tests drop or change some, then {@link signV1Exact}. */
export function v1CommonParams(action: string, credentials: Credentials): Record<string, string> {
  return {
    Action: action,
    Version: RAM_VERSION,
    Format: 'JSON',
    AccessKeyId: credentials.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: newNonce(),
    Timestamp: formatAcsTimestamp(new Date()),
  };
}
