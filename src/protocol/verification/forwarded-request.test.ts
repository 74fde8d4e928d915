// Forwarded requests: the JSON a service sends is read into what the claim builders take, or refused.
import { describe, expect, it } from 'vitest';
import { catchAkmError } from '../../testing/catch-akm-error.js';
import { parseForwardedRequest } from './forwarded-request.js';

const HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const base = { method: 'post', host: 'photos:8080', path: '/a%20b', bodySha256: HASH.toUpperCase() };

describe('parseForwardedRequest', () => {
  it('reads every part, keeping repeated names, lower-casing header names and the hash', () => {
    const { signed, sourceIp } = parseForwardedRequest(
      JSON.stringify({
        ...base,
        query: { a: ['1', '2'], b: '' },
        form: { Signature: 'x' },
        headers: { 'X-Acs-Date': 'd', host: 'ignored', Accept: ['a', 'b'] },
        sourceIp: '203.0.113.9',
      }),
      'request',
    );
    expect(signed).toEqual({
      method: 'POST',
      path: '/a%20b',
      headers: { 'x-acs-date': 'd', host: 'photos:8080', accept: ['a', 'b'] },
      queryPairs: [
        ['a', '1'],
        ['a', '2'],
        ['b', ''],
      ],
      formPairs: [['Signature', 'x']],
      bodySha256: HASH,
    });
    expect(sourceIp).toBe('203.0.113.9');
  });

  it('treats headers named like Object.prototype members as plain headers', () => {
    const { signed } = parseForwardedRequest(JSON.stringify({ ...base, headers: { constructor: 'c' } }), 'r');
    expect(Object.getPrototypeOf(signed.headers)).toBe(Object.prototype);
    expect(signed.headers.constructor).toBe('c');
  });

  it.each([
    ['not JSON', '{'],
    ['not an object', '[]'],
    ['no body hash', JSON.stringify({ ...base, bodySha256: undefined })],
    ['a short body hash', JSON.stringify({ ...base, bodySha256: 'abc' })],
    ['a relative path', JSON.stringify({ ...base, path: 'a' })],
    ['a numeric header', JSON.stringify({ ...base, headers: { a: 1 } })],
    ['an odd method', JSON.stringify({ ...base, method: 'GE T' })],
  ])('refuses %s as INVALID_VALUE of the field', (_, text) => {
    const error = catchAkmError(() => parseForwardedRequest(text, 'request'));
    expect([error.code, error.details.field]).toEqual(['INVALID_VALUE', 'request']);
  });
});
