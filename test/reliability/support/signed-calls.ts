/**
 * Signed calls for the reliability suite, over plain fetch: RAM with ACS3-HMAC-SHA256 (as
 * @alicloud/ram20150501 signs) and IAM/STS with SigV4 (as the AWS SDKs sign), both through akm's own
 * client signers. Each answers `{ status, code, body }`, with the wire's error code when there is one.
 */
import { type IncomingHttpHeaders, request } from 'node:http';
import { signAwsRequest } from '../../../src/signing/aws-client-sign.js';
import { encodeQuery, signAcsV3Request } from '../../../src/signing/client-sign.js';
import type { Credentials } from '../../support/ram-clients.js';
import { errorCodeOf } from './wire-response-check.js';

/** Where a call goes: the server's URL and its `host:port`, optionally from a chosen local address. */
export interface CallTarget {
  readonly url: string;
  readonly endpoint: string;
  /** A loopback address to send from (127.0.0.0/8 all reaches the server), to act as another client. */
  readonly localAddress?: string;
}

/** A call's outcome. */
export interface CallResult {
  readonly status: number;
  /** The wire error code, or undefined on success. */
  readonly code: string | undefined;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
}

/** The two wires. */
export type Wire = 'ram' | 'iam';

/** True for the errors of a connection the server refused or dropped (it was killed). */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code);
}

function send(
  target: CallTarget,
  path: string,
  headers: Readonly<Record<string, string>>,
  body = '',
): Promise<CallResult> {
  const { hostname, port } = new URL(target.url);
  const options = {
    hostname,
    port,
    method: 'POST',
    path,
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    ...(target.localAddress ? { localAddress: target.localAddress } : {}),
  };
  return new Promise((resolve, reject) => {
    const outgoing = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({
          status,
          code: status >= 400 ? errorCodeOf(text) : undefined,
          body: text,
          headers: res.headers,
        });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Calls a RAM action, parameters in the query as the official client sends them. */
/** A signed RAM request, kept so that it can be sent again byte for byte (a replay). */
export interface SignedRamCall {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Signs a RAM action with ACS3-HMAC-SHA256 (a fresh nonce), parameters in the query, as the SDK does. */
export function signRam(
  target: CallTarget,
  credentials: Credentials,
  action: string,
  params: Readonly<Record<string, string>> = {},
): SignedRamCall {
  const query = { ...params };
  const headers = signAcsV3Request({
    method: 'POST',
    host: target.endpoint,
    query,
    action,
    version: '2015-05-01',
    accessKeyId: credentials.accessKeyId,
    secret: credentials.accessKeySecret,
  });
  const qs = encodeQuery(query);
  return { path: `/${qs ? `?${qs}` : ''}`, headers };
}

/** Sends a signed RAM request (again, for a replay). */
export function sendRam(target: CallTarget, call: SignedRamCall): Promise<CallResult> {
  return send(target, call.path, call.headers);
}

/** Calls a RAM action, freshly signed. */
export function callRam(
  target: CallTarget,
  credentials: Credentials,
  action: string,
  params: Readonly<Record<string, string>> = {},
): Promise<CallResult> {
  return sendRam(target, signRam(target, credentials, action, params));
}

/** Calls an IAM action (or STS's, for `GetCallerIdentity`) with a form body, as the AWS SDKs send it. */
export function callIam(
  target: CallTarget,
  credentials: Credentials,
  action: string,
  params: Readonly<Record<string, string>> = {},
): Promise<CallResult> {
  const sts = action === 'GetCallerIdentity';
  const body = encodeQuery({ Action: action, Version: sts ? '2011-06-15' : '2010-05-08', ...params });
  const headers = signAwsRequest({
    method: 'POST',
    host: target.endpoint,
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    accessKeyId: credentials.accessKeyId,
    secret: credentials.accessKeySecret,
    region: 'us-east-1',
    service: sts ? 'sts' : 'iam',
  });
  return send(target, '/', headers, body);
}

/** Calls `action` on `wire`. */
export function callWire(
  wire: Wire,
  target: CallTarget,
  credentials: Credentials,
  action: string,
  params: Readonly<Record<string, string>> = {},
): Promise<CallResult> {
  return wire === 'ram'
    ? callRam(target, credentials, action, params)
    : callIam(target, credentials, action, params);
}

/** The AccessKey pair in a RAM CreateAccessKey answer. */
export function createdKeyOf(result: CallResult): Credentials {
  const parsed = JSON.parse(result.body) as {
    AccessKey?: { AccessKeyId?: string; AccessKeySecret?: string };
  };
  const key = parsed.AccessKey;
  if (result.status !== 200 || !key?.AccessKeyId || !key.AccessKeySecret) {
    throw new Error(`CreateAccessKey failed: ${result.status} ${result.body}`);
  }
  return { accessKeyId: key.AccessKeyId, accessKeySecret: key.AccessKeySecret };
}

/** The AccessKeyIds a RAM ListAccessKeys answer lists. */
export function listedKeyIdsOf(result: CallResult): string[] {
  if (result.status !== 200) throw new Error(`ListAccessKeys failed: ${result.status} ${result.body}`);
  const parsed = JSON.parse(result.body) as { AccessKeys?: { AccessKey?: Array<{ AccessKeyId?: string }> } };
  return (parsed.AccessKeys?.AccessKey ?? []).map((k) => k.AccessKeyId ?? '');
}
