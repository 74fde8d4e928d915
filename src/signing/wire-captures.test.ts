// Every request captured from the official clients must verify, and must stop verifying when tampered with.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAcsV1StringToSign, computeAcsV1Signature } from './acs-v1.js';
import {
  buildAcsV3CanonicalRequest,
  buildAcsV3StringToSign,
  computeAcsV3Signature,
  parseAcsV3Authorization,
  sha256Hex,
} from './acs-v3.js';
import { signAcsV1Params, signAcsV3Request } from './client-sign.js';
import { parseFormEncoded } from './parse-form.js';

interface CapturedRequest {
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  scheme: string;
  canonicalRequest: string | null;
  stringToSign: string;
  signature: string;
}

interface WireCaptures {
  accessKeyId: string;
  accessKeySecret: string;
  requests: CapturedRequest[];
}

const captures = JSON.parse(
  readFileSync(new URL('../../test/fixtures/ram-wire-captures.json', import.meta.url), 'utf8'),
) as WireCaptures;
const SECRET = captures.accessKeySecret;
const V1_COMMON = [
  'Format',
  'AccessKeyId',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
];

/** What a server knows after reading the request: nothing from the fixture's derived fields. */
interface ReceivedRequest {
  method: string;
  pathname: string;
  query: Array<[string, string]>;
  params: Array<[string, string]>;
  headers: Record<string, string>;
  body: string;
}

function receive(capture: CapturedRequest): ReceivedRequest {
  const mark = capture.url.indexOf('?');
  const rawPath = mark === -1 ? capture.url : capture.url.slice(0, mark);
  const query = parseFormEncoded(mark === -1 ? '' : capture.url.slice(mark + 1));
  const isForm = (capture.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const params = isForm ? [...query, ...parseFormEncoded(capture.body)] : query;
  return {
    method: capture.method,
    pathname: decodeURIComponent(rawPath),
    query,
    params,
    headers: capture.headers,
    body: capture.body,
  };
}

function v1Signature(req: ReceivedRequest, secret: string): { stringToSign: string; signature: string } {
  const stringToSign = buildAcsV1StringToSign(req.method, req.params);
  return { stringToSign, signature: computeAcsV1Signature(stringToSign, secret) };
}

function v3Signature(req: ReceivedRequest, secret: string) {
  const auth = parseAcsV3Authorization(req.headers.authorization ?? '');
  if (auth === undefined) throw new Error('malformed Authorization');
  const canonicalRequest = buildAcsV3CanonicalRequest({
    method: req.method,
    pathname: req.pathname,
    query: req.query,
    headers: req.headers,
    signedHeaders: auth.signedHeaders,
    hashedPayload: sha256Hex(req.body),
  });
  const stringToSign = buildAcsV3StringToSign(canonicalRequest, auth.algorithm);
  return { auth, canonicalRequest, stringToSign, signature: computeAcsV3Signature(stringToSign, secret) };
}

/** The same request with the first parameter's value changed (or one parameter added if there are none). */
function withTamperedParam(req: ReceivedRequest, list: 'query' | 'params'): ReceivedRequest {
  const pairs = req[list];
  const index = pairs.findIndex(([name]) => name !== 'Signature');
  const tampered: Array<[string, string]> =
    index === -1
      ? [...pairs, ['UserName', 'mallory']]
      : pairs.map(([name, value], i): [string, string] => [name, i === index ? `${value}x` : value]);
  return { ...req, [list]: tampered };
}

function isV3(capture: CapturedRequest): boolean {
  return (capture.headers.authorization ?? '').startsWith('ACS3-');
}

function paramValue(req: ReceivedRequest, name: string): string | undefined {
  return req.params.find(([n]) => n === name)?.[1];
}

describe('ram-wire-captures.json', () => {
  it('holds the 42 captured requests, V1 and V3 both represented', () => {
    expect(captures.requests).toHaveLength(42);
    expect(captures.requests.filter(isV3)).toHaveLength(26);
    for (const capture of captures.requests) {
      const detected = isV3(capture) ? 'V3' : paramValue(receive(capture), 'Signature') ? 'V1' : 'none';
      expect(capture.scheme.startsWith(detected), capture.label).toBe(true);
    }
  });
});

describe.each(captures.requests.filter(isV3).map((c) => [c.label, c] as const))(
  'V3 capture %s',
  (_, capture) => {
    const req = receive(capture);

    it('rebuilds the canonical request, string to sign and signature', () => {
      const result = v3Signature(req, SECRET);
      expect(result.auth.accessKeyId).toBe(captures.accessKeyId);
      expect(sha256Hex(req.body)).toBe(req.headers['x-acs-content-sha256']);
      expect(result.canonicalRequest).toBe(capture.canonicalRequest);
      expect(result.stringToSign).toBe(capture.stringToSign);
      expect(result.signature).toBe(capture.signature);
      expect(result.auth.signature).toBe(capture.signature);
    });

    it('rejects a changed query parameter, a changed signed header and a wrong secret', () => {
      expect(v3Signature(withTamperedParam(req, 'query'), SECRET).signature).not.toBe(capture.signature);
      const action = req.headers['x-acs-action'] ?? '';
      const tamperedHeader = { ...req, headers: { ...req.headers, 'x-acs-action': `${action}x` } };
      expect(v3Signature(tamperedHeader, SECRET).signature).not.toBe(capture.signature);
      expect(v3Signature(req, `${SECRET}x`).signature).not.toBe(capture.signature);
    });

    it('is reproduced by signAcsV3Request from the same inputs', () => {
      const h = req.headers;
      const headers = signAcsV3Request({
        method: req.method,
        host: h.host ?? '',
        query: Object.fromEntries(req.query),
        action: h['x-acs-action'] ?? '',
        version: h['x-acs-version'] ?? '',
        accessKeyId: captures.accessKeyId,
        secret: SECRET,
        nonce: h['x-acs-signature-nonce'] ?? '',
        date: new Date(h['x-acs-date'] ?? ''),
        extraHeaders: { 'x-acs-credentials-provider': h['x-acs-credentials-provider'] ?? '' },
      });
      expect(headers.authorization).toBe(h.authorization);
    });
  },
);

describe.each(captures.requests.filter((c) => !isV3(c)).map((c) => [c.label, c] as const))(
  'V1 capture %s',
  (_, capture) => {
    const req = receive(capture);

    it('rebuilds the string to sign and signature', () => {
      const result = v1Signature(req, SECRET);
      expect(result.stringToSign).toBe(capture.stringToSign);
      expect(result.signature).toBe(capture.signature);
      expect(paramValue(req, 'Signature')).toBe(capture.signature);
    });

    it('rejects a changed parameter and a wrong secret', () => {
      expect(v1Signature(withTamperedParam(req, 'params'), SECRET).signature).not.toBe(capture.signature);
      expect(v1Signature(req, `${SECRET}x`).signature).not.toBe(capture.signature);
    });

    it('is reproduced by signAcsV1Params from the same inputs', () => {
      const business = req.params.filter(([name]) => name !== 'Signature' && !V1_COMMON.includes(name));
      const signed = signAcsV1Params({
        method: req.method,
        params: Object.fromEntries(business),
        accessKeyId: captures.accessKeyId,
        secret: SECRET,
        nonce: paramValue(req, 'SignatureNonce') ?? '',
        timestamp: new Date(paramValue(req, 'Timestamp') ?? ''),
        format: paramValue(req, 'Format') ?? '',
      });
      expect(signed.Signature).toBe(capture.signature);
      expect(signed).toEqual(Object.fromEntries(req.params));
    });
  },
);
