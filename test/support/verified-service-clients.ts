/**
 * Clients of a service protected by akm/verify: the official Alibaba Cloud SDK's generic `callApi`
 * (V3, or V1 with `signatureAlgorithm: 'v2'`), and raw requests signed by akm's client signer (V3) or
 * by the AWS SDK's own SigV4 signer (`@smithy/signature-v4`), for the cases an SDK cannot express.
 */
import { createHash, createHmac } from 'node:crypto';
import * as OpenApi from '@alicloud/openapi-core';
import { RuntimeOptions } from '@darabonba/typescript';
import { SignatureV4 } from '@smithy/signature-v4';
import { encodeQuery, signAcsV3Request } from '../../src/signing/client-sign.js';
import type { RawRequest } from './e2e-raw-ram.js';
import { type Credentials, ramClient } from './ram-clients.js';

/** Where a service listens: its base URL and its `host:port`. */
export interface Target {
  readonly url: string;
  readonly endpoint: string;
}

/** The target of a URL. */
export function targetOf(url: string): Target {
  return { url, endpoint: url.replace(/^https?:\/\//, '') };
}

/** Calls action `Greet` on the service through @alicloud/ram20150501's client; resolves the JSON body. */
export async function callWithAlibabaSdk(
  target: Target,
  credentials: Credentials,
  signature: 'v3' | 'v2',
  query: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const client = ramClient(target.endpoint, credentials, { signature });
  const params = new OpenApi.$OpenApiUtil.Params({
    action: 'Greet',
    version: '2015-05-01',
    protocol: 'HTTP',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const request = new OpenApi.$OpenApiUtil.OpenApiRequest({ query });
  const response: unknown = await client.callApi(params, request, new RuntimeOptions({}));
  const body = (response as { body?: unknown }).body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

/** A V3-signed `POST /` (action `Greet` unless told), as akm's client signer (the SDK's algorithm) makes it. */
export function v3Request(
  target: Target,
  credentials: Credentials,
  options: { action?: string; query?: Record<string, string>; date?: Date; nonce?: string } = {},
): RawRequest {
  const query = options.query ?? { Name: 'world' };
  const headers = signAcsV3Request({
    method: 'POST',
    host: target.endpoint,
    query,
    action: options.action ?? 'Greet',
    version: '2015-05-01',
    accessKeyId: credentials.accessKeyId,
    secret: credentials.accessKeySecret,
    ...(options.date ? { date: options.date } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
  });
  return { method: 'POST', path: `/?${encodeQuery(query)}`, headers };
}

/** node:crypto behind the Checksum interface the AWS signer expects. */
class Sha256 {
  readonly #hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash =
      secret === undefined
        ? createHash('sha256')
        : createHmac('sha256', typeof secret === 'string' ? secret : Buffer.from(secret as ArrayBuffer));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer));
  }
  async digest(): Promise<Uint8Array> {
    return this.#hash.digest();
  }
}

/** A request signed by the AWS SDK's SigV4 signer for `service` (the name the service registers). */
export async function sigV4Request(
  target: Target,
  credentials: Credentials,
  options: { service?: string; body?: string; date?: Date; path?: string } = {},
): Promise<RawRequest> {
  const signer = new SignatureV4({
    service: options.service ?? 'greeter',
    region: 'eu-west-1',
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.accessKeySecret },
    sha256: Sha256,
  });
  const body = options.body ?? '{"greeting":"hi"}';
  const [pathname = '/', search = ''] = (options.path ?? '/greetings?lang=en').split('?');
  const query = Object.fromEntries(new URLSearchParams(search));
  const { hostname, port } = new URL(target.url);
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname,
      port: Number(port),
      path: pathname,
      query,
      headers: {
        host: target.endpoint,
        'content-type': 'application/json',
        'user-agent': 'aws-sdk-js/smithy',
      },
      body,
    },
    options.date ? { signingDate: options.date } : {},
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = String(value);
  return { method: 'POST', path: options.path ?? '/greetings?lang=en', headers, body };
}
