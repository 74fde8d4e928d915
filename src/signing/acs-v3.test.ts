// ACS3 Authorization parsing and canonicalisation rules beyond what the captured requests exercise.

import { describe, expect, it } from 'vitest';
import {
  type AcsV3CanonicalRequestInput,
  buildAcsV3CanonicalRequest,
  buildAcsV3StringToSign,
  parseAcsV3Authorization,
  sha256Hex,
} from './acs-v3.js';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('parseAcsV3Authorization', () => {
  const valid = 'ACS3-HMAC-SHA256 Credential=LTAI5t,SignedHeaders=host;x-acs-date,Signature=abc123';

  it('parses the SDK format', () => {
    expect(parseAcsV3Authorization(valid)).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'LTAI5t',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'abc123',
    });
  });

  it('tolerates spaces after commas and around the header, and any field order', () => {
    const header = '  ACS3-HMAC-SHA256  Signature=abc123, Credential=LTAI5t,  SignedHeaders=Host;x-acs-date ';
    expect(parseAcsV3Authorization(header)).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'LTAI5t',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'abc123',
    });
  });

  it.each([
    ['empty', ''],
    ['no fields', 'ACS3-HMAC-SHA256'],
    ['another scheme', 'Bearer Credential=a,SignedHeaders=host,Signature=b'],
    ['AWS SigV4', 'AWS4-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=b'],
    ['missing Signature', 'ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host'],
    ['empty Credential', 'ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=b'],
    ['duplicate field', 'ACS3-HMAC-SHA256 Credential=a,Credential=b,SignedHeaders=host,Signature=b'],
    ['unknown field', 'ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=b,Extra=c'],
    ['field without =', 'ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature'],
    ['empty header name', 'ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;;x-acs-date,Signature=b'],
    ['trailing comma', 'ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=b,'],
  ])('rejects %s', (_, header) => {
    expect(parseAcsV3Authorization(header)).toBeUndefined();
  });
});

describe('buildAcsV3CanonicalRequest', () => {
  const base: AcsV3CanonicalRequestInput = {
    method: 'POST',
    pathname: '/',
    query: [],
    headers: { host: 'example.com' },
    signedHeaders: ['host'],
    hashedPayload: EMPTY_SHA256,
  };

  it('has six lines with a blank line after the headers', () => {
    expect(buildAcsV3CanonicalRequest(base)).toBe(`POST\n/\n\nhost:example.com\n\nhost\n${EMPTY_SHA256}`);
  });

  it('encodes, then sorts by key and value, with k= for empty values', () => {
    const query: Array<[string, string]> = [
      ['b', '2'],
      ['a b', "(x)*!'"],
      ['b', '1'],
      ['c', ''],
      ['Z', 'é'],
    ];
    const line = buildAcsV3CanonicalRequest({ ...base, query }).split('\n')[2];
    expect(line).toBe('Z=%C3%A9&a%20b=%28x%29%2A%21%27&b=1&b=2&c=');
  });

  it('sorts, lower-cases and de-duplicates signed headers; trims values', () => {
    const canonical = buildAcsV3CanonicalRequest({
      ...base,
      headers: { host: ' example.com ', 'x-acs-date': '\t2026-01-01T00:00:00Z ' },
      signedHeaders: ['x-acs-date', 'Host', 'host'],
    });
    expect(canonical.split('\n').slice(3, 7)).toEqual([
      'host:example.com',
      'x-acs-date:2026-01-01T00:00:00Z',
      '',
      'host;x-acs-date',
    ]);
  });

  it('sorts and comma-joins repeated values', () => {
    const canonical = buildAcsV3CanonicalRequest({
      ...base,
      headers: { host: 'example.com', 'x-acs-meta': [' b', 'a ', 'c'] },
      signedHeaders: ['host', 'x-acs-meta'],
    });
    expect(canonical.split('\n')[4]).toBe('x-acs-meta:a,b,c');
  });

  it('gives an absent signed header an empty value, even one named like an Object property', () => {
    const canonical = buildAcsV3CanonicalRequest({
      ...base,
      signedHeaders: ['host', 'x-acs-gone', 'constructor'],
    });
    expect(canonical.split('\n').slice(3, 6)).toEqual(['constructor:', 'host:example.com', 'x-acs-gone:']);
  });

  it('encodes path segments but keeps slashes; an empty path is /', () => {
    expect(buildAcsV3CanonicalRequest({ ...base, pathname: '/a b/c*d/' }).split('\n')[1]).toBe(
      '/a%20b/c%2Ad/',
    );
    expect(buildAcsV3CanonicalRequest({ ...base, pathname: '' }).split('\n')[1]).toBe('/');
  });
});

describe('buildAcsV3StringToSign and sha256Hex', () => {
  it('prefixes the algorithm to the hex SHA-256 of the canonical request', () => {
    expect(buildAcsV3StringToSign('')).toBe(`ACS3-HMAC-SHA256\n${EMPTY_SHA256}`);
    expect(buildAcsV3StringToSign('', 'ACS3-HMAC-SM3').startsWith('ACS3-HMAC-SM3\n')).toBe(true);
  });

  it('hashes strings as UTF-8, the same as their bytes', () => {
    expect(sha256Hex('张三')).toBe(sha256Hex(new TextEncoder().encode('张三')));
    expect(sha256Hex(new Uint8Array())).toBe(EMPTY_SHA256);
  });
});
