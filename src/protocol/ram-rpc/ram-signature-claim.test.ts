// Signature claims of RAM requests: V1 and V3 extraction, missing pieces, and timestamp parsing.

import { describe, expect, it } from 'vitest';
import { buildAcsV1StringToSign } from '../../signing/acs-v1.js';
import { encodeQuery, signAcsV1Params, signAcsV3Request } from '../../signing/client-sign.js';
import { catchAkmError } from '../../testing/catch-akm-error.js';
import { formPost, wireRequest } from '../../testing/wire-request.js';
import type { WireRequest } from '../wire.js';
import { parseRamRequest } from './ram-request.js';
import { extractRamClaim, parseRamTimestamp } from './ram-signature-claim.js';

const ID = 'LTAI4GFTgcR8m8cZQDTH0000';
const SECRET = 'PupkTg8jdmau1cXxYacgE736PJj4cA';
const DATE = new Date('2024-06-01T12:00:00Z');
const HOST = '127.0.0.1:8080';

function claimOf(request: WireRequest) {
  return extractRamClaim(parseRamRequest(request));
}

function failureOf(request: WireRequest): {
  code: string;
  field: string | undefined;
  detail: string | undefined;
} {
  const error = catchAkmError(() => claimOf(request));
  return { code: error.code, field: error.details.field, detail: error.details.detail };
}

describe('parseRamTimestamp', () => {
  it.each([
    ['2015-01-23T12:33:18Z', Date.UTC(2015, 0, 23, 12, 33, 18)],
    ['2015-01-23T12:33:18.5Z', Date.UTC(2015, 0, 23, 12, 33, 18, 500)],
    ['2015-01-23T12:33:18.123Z', Date.UTC(2015, 0, 23, 12, 33, 18, 123)],
    ['2024-02-29T23:59:59Z', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['1970-01-01T00:00:00Z', 0],
  ])('parses %s', (value, ms) => {
    expect(parseRamTimestamp(value).getTime()).toBe(ms);
  });

  it.each([
    ['empty', ''],
    ['no Z', '2015-01-23T12:33:18'],
    ['an offset', '2015-01-23T12:33:18+08:00'],
    ['a space separator', '2015-01-23 12:33:18Z'],
    ['a lower-case t and z', '2015-01-23t12:33:18z'],
    ['no seconds', '2015-01-23T12:33Z'],
    ['four fraction digits', '2015-01-23T12:33:18.1234Z'],
    ['a date only', '2015-01-23'],
    ['epoch seconds', '1421987598'],
    ['an HTTP date', 'Fri, 23 Jan 2015 12:33:18 GMT'],
    ['month 13', '2015-13-01T00:00:00Z'],
    ['day 32', '2015-01-32T00:00:00Z'],
    ['hour 25', '2015-01-23T25:00:00Z'],
    ['minute 60', '2015-01-23T12:60:00Z'],
    ['second 60', '2015-01-23T12:33:60Z'],
    ['surrounding spaces', ' 2015-01-23T12:33:18Z '],
  ])('rejects %s with TIMESTAMP_FORMAT', (_, value) => {
    expect(catchAkmError(() => parseRamTimestamp(value)).code).toBe('TIMESTAMP_FORMAT');
  });

  it.each([
    ['February 30 (V8 rolls it over to March 1)', '2024-02-30T00:00:00Z'],
    ['February 29 of a non-leap year', '2023-02-29T00:00:00Z'],
    ['hour 24 (V8 reads it as the next midnight)', '2024-01-01T24:00:00Z'],
  ])('rejects a calendar-impossible %s with TIMESTAMP_FORMAT', (_, value) => {
    expect(catchAkmError(() => parseRamTimestamp(value)).code).toBe('TIMESTAMP_FORMAT');
  });
});

describe('extractRamClaim for V1 (HMAC-SHA1)', () => {
  const business = {
    Action: 'CreateUser',
    Version: '2015-05-01',
    UserName: 'alice',
    DisplayName: 'Alice (dev)*!',
  };

  function signed(method = 'GET', extra: Record<string, string> = {}): Record<string, string> {
    return signAcsV1Params({
      method,
      params: { ...business, ...extra },
      accessKeyId: ID,
      secret: SECRET,
      nonce: 'nonce-v1',
      timestamp: DATE,
    });
  }

  it('reads the key id, timestamp and nonce, and verifies a GET signed in the query', () => {
    const request = wireRequest({ method: 'GET', rawQuery: encodeQuery(signed('GET')) });
    const claim = claimOf(request);
    expect(claim.accessKeyId).toBe(ID);
    expect(claim.nonce).toBe('nonce-v1');
    expect(claim.timestamp).toEqual(DATE);
    expect(claim.verify(SECRET)).toBe(true);
    expect(claim.verify(`${SECRET}x`)).toBe(false);
  });

  it('verifies a POST signed with everything in the form body', () => {
    const claim = claimOf(formPost(encodeQuery(signed('POST'))));
    expect(claim.verify(SECRET)).toBe(true);
  });

  it('verifies parameters split between query and body', () => {
    const params = signed('POST');
    const { Signature = '', AccessKeyId = '', ...rest } = params;
    const claim = claimOf(formPost(encodeQuery(rest), { rawQuery: encodeQuery({ AccessKeyId, Signature }) }));
    expect(claim.verify(SECRET)).toBe(true);
  });

  it('verifies a query encoded the way querystring.stringify does (raw ( ) * !)', () => {
    const rawQuery = encodeQuery(signed('GET')).replace('%28dev%29%2A%21', '(dev)*!');
    expect(rawQuery).toContain('(dev)*!');
    expect(claimOf(wireRequest({ method: 'GET', rawQuery })).verify(SECRET)).toBe(true);
  });

  it('signs the method actually used', () => {
    const claim = claimOf(wireRequest({ method: 'POST', rawQuery: encodeQuery(signed('GET')) }));
    expect(claim.verify(SECRET)).toBe(false);
  });

  it('fails verification when a parameter was changed', () => {
    const rawQuery = encodeQuery({ ...signed('GET'), UserName: 'mallory' });
    expect(claimOf(wireRequest({ method: 'GET', rawQuery })).verify(SECRET)).toBe(false);
  });

  it('exposes the server string to sign, without the Signature parameter', () => {
    const params = signed('GET');
    const request = wireRequest({ method: 'GET', rawQuery: encodeQuery(params) });
    const { Signature: _, ...unsigned } = params;
    expect(claimOf(request).stringToSign?.()).toBe(buildAcsV1StringToSign('GET', Object.entries(unsigned)));
  });

  it.each(['AccessKeyId', 'SignatureMethod', 'Timestamp', 'SignatureNonce'])(
    'fails with MISSING_PARAMETER naming the wire parameter when %s is missing or empty',
    (name) => {
      const params = signed('GET');
      const { [name]: _, ...without } = params;
      expect(failureOf(wireRequest({ rawQuery: encodeQuery(without) }))).toMatchObject({
        code: 'MISSING_PARAMETER',
        field: name,
      });
      expect(failureOf(wireRequest({ rawQuery: encodeQuery({ ...params, [name]: '' }) }))).toMatchObject({
        code: 'MISSING_PARAMETER',
        field: name,
      });
    },
  );

  it('fails with MISSING_PARAMETER naming Signature when it is empty', () => {
    expect(failureOf(wireRequest({ rawQuery: encodeQuery({ ...signed(), Signature: '' }) }))).toMatchObject({
      code: 'MISSING_PARAMETER',
      field: 'Signature',
    });
  });

  it('names AccessKeyId first when several parameters are missing', () => {
    expect(failureOf(wireRequest({ rawQuery: 'Signature=abc' }))).toMatchObject({
      code: 'MISSING_PARAMETER',
      field: 'AccessKeyId',
    });
  });

  it.each([
    ['SignatureMethod=HMAC-SHA256', { SignatureMethod: 'HMAC-SHA256' }],
    ['SignatureMethod=hmac-sha1', { SignatureMethod: 'hmac-sha1' }],
    ['SignatureVersion=2.0', { SignatureVersion: '2.0' }],
  ])('fails with UNSUPPORTED_SIGNATURE_METHOD for %s', (_, change) => {
    expect(failureOf(wireRequest({ rawQuery: encodeQuery({ ...signed(), ...change }) })).code).toBe(
      'UNSUPPORTED_SIGNATURE_METHOD',
    );
  });

  it('accepts a request without SignatureVersion', () => {
    const { SignatureVersion: _, ...rest } = signed();
    expect(() => claimOf(wireRequest({ rawQuery: encodeQuery(rest) }))).not.toThrow();
  });

  it('fails with TIMESTAMP_FORMAT for a malformed Timestamp', () => {
    expect(
      failureOf(wireRequest({ rawQuery: encodeQuery({ ...signed(), Timestamp: '2024-06-01 12:00:00' }) }))
        .code,
    ).toBe('TIMESTAMP_FORMAT');
  });
});

describe('extractRamClaim for V3 (ACS3-HMAC-SHA256)', () => {
  const query = { UserName: 'alice', DisplayName: 'Alice (dev)*!' };

  function signedHeaders(body?: string): Record<string, string> {
    return signAcsV3Request({
      method: 'POST',
      host: HOST,
      query,
      ...(body === undefined ? {} : { body }),
      action: 'CreateUser',
      version: '2015-05-01',
      accessKeyId: ID,
      secret: SECRET,
      nonce: 'nonce-v3',
      date: DATE,
      extraHeaders: { 'x-acs-credentials-provider': 'static_ak' },
    });
  }

  function v3Request(headers: Record<string, string>, parts: { rawQuery?: string; body?: string } = {}) {
    return wireRequest({
      method: 'POST',
      rawQuery: parts.rawQuery ?? encodeQuery(query),
      headers,
      body: parts.body ?? '',
    });
  }

  it('reads the key id, timestamp and nonce from the headers and verifies the signature', () => {
    const claim = claimOf(v3Request(signedHeaders()));
    expect(claim.accessKeyId).toBe(ID);
    expect(claim.nonce).toBe('nonce-v3');
    expect(claim.timestamp).toEqual(DATE);
    expect(claim.verify(SECRET)).toBe(true);
    expect(claim.verify('wrong')).toBe(false);
    expect(claim.stringToSign?.()).toMatch(/^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
  });

  it('verifies a query encoded the way querystring.stringify does (raw ( ) * !)', () => {
    const rawQuery = encodeQuery(query).replace('%28dev%29%2A%21', '(dev)*!');
    expect(claimOf(v3Request(signedHeaders(), { rawQuery })).verify(SECRET)).toBe(true);
  });

  it('verifies a signed form body', () => {
    expect(claimOf(v3Request(signedHeaders('A=1'), { body: 'A=1' })).verify(SECRET)).toBe(true);
  });

  it('fails verification when the body differs from the signed hash', () => {
    expect(claimOf(v3Request(signedHeaders('A=1'), { body: 'A=2' })).verify(SECRET)).toBe(false);
  });

  it('fails verification when a query parameter was changed', () => {
    const rawQuery = encodeQuery({ ...query, UserName: 'mallory' });
    expect(claimOf(v3Request(signedHeaders(), { rawQuery })).verify(SECRET)).toBe(false);
  });

  it.each([
    'host',
    'x-acs-action',
    'x-acs-version',
    'x-acs-date',
    'x-acs-signature-nonce',
    'x-acs-content-sha256',
  ])('fails with INCOMPLETE_SIGNATURE when %s is not signed', (name) => {
    const headers = signedHeaders();
    const authorization = (headers.authorization ?? '').replace(
      /SignedHeaders=([^,]*)/,
      (_, list: string) =>
        `SignedHeaders=${list
          .split(';')
          .filter((h) => h !== name)
          .join(';')}`,
    );
    expect(failureOf(v3Request({ ...headers, authorization }))).toEqual({
      code: 'INCOMPLETE_SIGNATURE',
      field: undefined,
      detail: `missing signed headers: ${name}`,
    });
  });

  it('fails with INCOMPLETE_SIGNATURE when a required signed header is absent from the request', () => {
    const { 'x-acs-signature-nonce': _, ...headers } = signedHeaders();
    expect(failureOf(v3Request(headers))).toMatchObject({
      code: 'INCOMPLETE_SIGNATURE',
      detail: 'missing signed headers: x-acs-signature-nonce',
    });
  });

  it('lists every missing signed header', () => {
    const headers = signedHeaders();
    const authorization = `ACS3-HMAC-SHA256 Credential=${ID},SignedHeaders=host;x-acs-action,Signature=00`;
    expect(failureOf(v3Request({ ...headers, authorization })).detail).toBe(
      'missing signed headers: x-acs-version, x-acs-date, x-acs-signature-nonce, x-acs-content-sha256',
    );
  });

  it.each([
    ['no fields', 'ACS3-HMAC-SHA256'],
    ['no Signature', `ACS3-HMAC-SHA256 Credential=${ID},SignedHeaders=host`],
    ['garbage', 'ACS3-HMAC-SHA256 garbage'],
  ])('fails with INCOMPLETE_SIGNATURE for an Authorization header with %s', (_, authorization) => {
    expect(failureOf(v3Request({ ...signedHeaders(), authorization })).code).toBe('INCOMPLETE_SIGNATURE');
  });

  it('fails with UNSUPPORTED_SIGNATURE_METHOD for another ACS3 algorithm', () => {
    const authorization = (signedHeaders().authorization ?? '').replace('ACS3-HMAC-SHA256', 'ACS3-HMAC-SM3');
    expect(failureOf(v3Request({ ...signedHeaders(), authorization })).code).toBe(
      'UNSUPPORTED_SIGNATURE_METHOD',
    );
  });

  it('fails with TIMESTAMP_FORMAT for a malformed x-acs-date', () => {
    expect(failureOf(v3Request({ ...signedHeaders(), 'x-acs-date': '2024-06-01T12:00:00' })).code).toBe(
      'TIMESTAMP_FORMAT',
    );
  });
});

describe('extractRamClaim for an unsigned request', () => {
  it('names AccessKeyId when it is missing', () => {
    expect(failureOf(wireRequest({ rawQuery: 'Action=ListUsers' }))).toMatchObject({
      code: 'MISSING_PARAMETER',
      field: 'AccessKeyId',
    });
  });

  it('names Signature when only the signature is missing', () => {
    expect(failureOf(wireRequest({ rawQuery: `Action=ListUsers&AccessKeyId=${ID}` }))).toMatchObject({
      code: 'MISSING_PARAMETER',
      field: 'Signature',
    });
  });
});
