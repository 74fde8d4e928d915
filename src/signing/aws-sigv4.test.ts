// The published SigV4 known answers, looped over as data, plus the parser's and the client signer's edges.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './acs-v3.js';
import { signAwsRequest } from './aws-client-sign.js';
import {
  buildSigV4CanonicalRequest,
  buildSigV4StringToSign,
  computeSigV4Signature,
  deriveSigV4SigningKey,
  formatAmzDate,
  parseAmzDate,
  parseSigV4Authorization,
} from './aws-sigv4.js';
import { parseFormEncoded } from './parse-form.js';

interface Vector {
  id: string;
  method: string;
  path: string;
  rawQuery: string;
  headers: Record<string, string>;
  body: string;
  service: string;
  signedHeaders: string;
  canonicalRequestSha256?: string;
  signingKey?: string;
  signature: string;
}

const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/sigv4-known-answers.json', import.meta.url), 'utf8'),
) as { accessKeyId: string; secret: string; amzDate: string; region: string; vectors: Vector[] };

const { accessKeyId, secret, amzDate, region } = fixture;

describe.each(fixture.vectors.map((v) => [v.id, v] as const))('SigV4 known answer %s', (_, v) => {
  const scope = { date: amzDate.slice(0, 8), region, service: v.service };
  const canonical = buildSigV4CanonicalRequest({
    method: v.method,
    path: v.path,
    query: parseFormEncoded(v.rawQuery),
    headers: v.headers,
    signedHeaders: v.signedHeaders.split(';'),
    payloadHash: sha256Hex(v.body),
  });

  it('builds the canonical request the vector hashes', () => {
    if (v.canonicalRequestSha256) expect(sha256Hex(canonical)).toBe(v.canonicalRequestSha256);
  });

  it('derives the published signing key', () => {
    if (v.signingKey) expect(deriveSigV4SigningKey(secret, scope).toString('hex')).toBe(v.signingKey);
  });

  it('computes the published signature', () => {
    const stringToSign = buildSigV4StringToSign(amzDate, scope, canonical);
    expect(computeSigV4Signature(stringToSign, secret, scope)).toBe(v.signature);
  });

  it('parses the Authorization header the vector implies', () => {
    const header = `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope.date}/${region}/${v.service}/aws4_request, SignedHeaders=${v.signedHeaders}, Signature=${v.signature}`;
    expect(parseSigV4Authorization(header)).toEqual({
      accessKeyId,
      scope,
      signedHeaders: v.signedHeaders.split(';'),
      signature: v.signature,
    });
  });

  it('is reproduced by the client signer', () => {
    const { host, ...others } = v.headers;
    delete others['x-amz-date'];
    const headers = signAwsRequest({
      method: v.method,
      host: host ?? '',
      path: v.path,
      rawQuery: v.rawQuery,
      body: v.body,
      headers: others,
      accessKeyId,
      secret,
      region,
      service: v.service,
      date: parseAmzDate(amzDate) ?? new Date(0),
      contentSha256Header: false,
    });
    expect(headers.authorization).toMatch(
      new RegExp(`SignedHeaders=${v.signedHeaders}, Signature=${v.signature}$`),
    );
  });
});

describe('parseSigV4Authorization', () => {
  const good =
    'AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';

  it('accepts the header without spaces after the commas', () => {
    expect(parseSigV4Authorization(good.replaceAll(', ', ','))?.accessKeyId).toBe('AKID');
  });

  it.each([
    ['another algorithm', good.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512')],
    ['a missing Signature', good.replace(', Signature=abc', '')],
    ['a repeated field', `${good}, Signature=def`],
    ['an unknown field', `${good}, Extra=1`],
    ['a short credential', good.replace('/iam/', '/')],
    ['a wrong terminator', good.replace('aws4_request', 'aws3_request')],
    ['an empty signed header', good.replace('host;', ';')],
    ['an empty key id', good.replace('AKID', '')],
    ['a pair without =', good.replace('Signature=abc', 'Signature')],
  ])('refuses %s', (_, header) => {
    expect(parseSigV4Authorization(header)).toBeUndefined();
  });
});

describe('buildSigV4CanonicalRequest', () => {
  it('trims header values, collapses inner spaces and joins repeated values with commas', () => {
    const canonical = buildSigV4CanonicalRequest({
      method: 'GET',
      path: '',
      query: [
        ['b', '2'],
        ['a', 'x y'],
        ['a', '1'],
      ],
      headers: { 'x-one': '  a   b  ', 'x-two': ['c', ' d '] },
      signedHeaders: ['x-one', 'x-two'],
      payloadHash: 'h',
    });
    expect(canonical).toBe('GET\n/\na=1&a=x%20y&b=2\nx-one:a b\nx-two:c,d\n\nx-one;x-two\nh');
  });

  it('encodes each path segment of the path as sent once more', () => {
    const canonical = buildSigV4CanonicalRequest({
      method: 'GET',
      path: '/a%20b/c',
      query: [],
      headers: {},
      signedHeaders: ['constructor'],
      payloadHash: 'h',
    });
    expect(canonical.split('\n').slice(1, 4)).toEqual(['/a%2520b/c', '', 'constructor:']);
  });
});

describe('amz dates', () => {
  it('formats and parses YYYYMMDDTHHMMSSZ', () => {
    const date = new Date('2015-08-30T12:36:00.789Z');
    expect(formatAmzDate(date)).toBe('20150830T123600Z');
    expect(parseAmzDate('20150830T123600Z')).toEqual(new Date('2015-08-30T12:36:00Z'));
  });

  it.each(['2015-08-30T12:36:00Z', '20150230T123600Z', '20150830T123600', '20150830T246000Z', ''])(
    'refuses %j',
    (value) => {
      expect(parseAmzDate(value)).toBeUndefined();
    },
  );
});

describe('deriveSigV4SigningKey', () => {
  it('gives different keys for a different secret, day, region or service (the cache never mixes them)', () => {
    const scope = { date: '20150830', region: 'us-east-1', service: 'iam' };
    const base = deriveSigV4SigningKey('s', scope).toString('hex');
    expect(deriveSigV4SigningKey('s', scope).toString('hex')).toBe(base);
    for (const other of [
      deriveSigV4SigningKey('t', scope),
      deriveSigV4SigningKey('s', { ...scope, date: '20150831' }),
      deriveSigV4SigningKey('s', { ...scope, region: 'eu-west-1' }),
      deriveSigV4SigningKey('s', { ...scope, service: 'sts' }),
    ]) {
      expect(other.toString('hex')).not.toBe(base);
    }
  });
});
