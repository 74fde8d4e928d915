// Client-side helpers: timestamps, query encoding, and the headers a V3 request carries.

import { describe, expect, it } from 'vitest';
import { buildAcsV1StringToSign, computeAcsV1Signature } from './acs-v1.js';
import { parseAcsV3Authorization, sha256Hex } from './acs-v3.js';
import { encodeQuery, formatAcsTimestamp, signAcsV1Params, signAcsV3Request } from './client-sign.js';
import { parseFormEncoded } from './parse-form.js';

const V3_BASE = {
  method: 'POST',
  host: '127.0.0.1:8080',
  query: { UserName: 'alice' },
  action: 'GetUser',
  version: '2015-05-01',
  accessKeyId: 'id',
  secret: 'secret',
};

describe('formatAcsTimestamp', () => {
  it('drops milliseconds and uses UTC', () => {
    expect(formatAcsTimestamp(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)))).toBe('2026-01-02T03:04:05Z');
  });
});

describe('encodeQuery', () => {
  it('RFC 3986-encodes in insertion order and round-trips through parseFormEncoded', () => {
    const params = { b: "a+b (c)*!'~", a: '张 三' };
    const encoded = encodeQuery(params);
    expect(encoded).toBe('b=a%2Bb%20%28c%29%2A%21%27~&a=%E5%BC%A0%20%E4%B8%89');
    expect(Object.fromEntries(parseFormEncoded(encoded))).toEqual(params);
  });
});

describe('signAcsV1Params', () => {
  it('adds the common parameters with defaults and a signature that verifies', () => {
    const signed = signAcsV1Params({
      method: 'GET',
      params: { Action: 'GetUser', Version: '2015-05-01' },
      accessKeyId: 'id',
      secret: 'secret',
    });
    expect(signed).toMatchObject({ Format: 'JSON', AccessKeyId: 'id', SignatureMethod: 'HMAC-SHA1' });
    expect(signed.SignatureVersion).toBe('1.0');
    expect(signed.SignatureNonce).toMatch(/^[0-9a-f]{32}$/);
    expect(signed.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const stringToSign = buildAcsV1StringToSign('GET', Object.entries(signed));
    expect(computeAcsV1Signature(stringToSign, 'secret')).toBe(signed.Signature);
  });
});

describe('signAcsV3Request', () => {
  it('sends and signs the x-acs headers and host, with a 64-hex nonce by default', () => {
    const headers = signAcsV3Request(V3_BASE);
    expect(headers['x-acs-signature-nonce']).toMatch(/^[0-9a-f]{64}$/);
    expect(headers['x-acs-content-sha256']).toBe(sha256Hex(''));
    expect(headers['content-type']).toBeUndefined();
    expect(parseAcsV3Authorization(headers.authorization ?? '')?.signedHeaders).toEqual([
      'host',
      'x-acs-action',
      'x-acs-content-sha256',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-version',
    ]);
  });

  it('hashes and types a body, and signs content-type and extra x-acs headers only', () => {
    const headers = signAcsV3Request({
      ...V3_BASE,
      body: 'UserName=alice',
      extraHeaders: { 'X-Acs-Credentials-Provider': 'static_ak', 'User-Agent': 'test', host: 'evil' },
    });
    expect(headers.host).toBe('127.0.0.1:8080');
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(headers['x-acs-content-sha256']).toBe(sha256Hex('UserName=alice'));
    expect(headers['user-agent']).toBe('test');
    const signed = parseAcsV3Authorization(headers.authorization ?? '')?.signedHeaders;
    expect(signed).toContain('content-type');
    expect(signed).toContain('x-acs-credentials-provider');
    expect(signed).not.toContain('user-agent');
  });

  it('types a byte body as octet-stream unless told otherwise', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(signAcsV3Request({ ...V3_BASE, body: bytes })['content-type']).toBe('application/octet-stream');
    expect(
      signAcsV3Request({ ...V3_BASE, body: '{}', contentType: 'application/json' })['content-type'],
    ).toBe('application/json');
  });
});
