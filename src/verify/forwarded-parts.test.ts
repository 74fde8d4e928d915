// What the middleware forwards: the signed headers only (never cookies), decoded query and form, the hash.
import { describe, expect, it } from 'vitest';
import { forwardedPartsOf } from './forwarded-parts.js';

describe('forwardedPartsOf', () => {
  it('forwards the signed headers, authorization, user agent and content type, and nothing else', () => {
    const parts = forwardedPartsOf({
      method: 'POST',
      url: '/photos?b=2&a=1&a=3',
      headers: {
        host: 'photos:8080',
        authorization: 'ACS3-HMAC-SHA256 Credential=K,SignedHeaders=host;x-acs-date,Signature=s',
        'x-acs-date': 'd',
        'x-acs-unsigned': 'u',
        cookie: 'session=secret',
        'user-agent': 'sdk',
      },
      bodySha256: 'h',
      sourceIp: '127.0.0.2',
    });
    expect(parts).toEqual({
      method: 'POST',
      host: 'photos:8080',
      path: '/photos',
      query: { b: '2', a: ['1', '3'] },
      headers: {
        authorization: 'ACS3-HMAC-SHA256 Credential=K,SignedHeaders=host;x-acs-date,Signature=s',
        'user-agent': 'sdk',
        host: 'photos:8080',
        'x-acs-date': 'd',
      },
      bodySha256: 'h',
      sourceIp: '127.0.0.2',
    });
  });

  it('adds the decoded parameters of a form body (V1 signs them)', () => {
    const parts = forwardedPartsOf({
      method: 'POST',
      url: '/',
      headers: { host: 'h', 'content-type': 'application/x-www-form-urlencoded' },
      bodySha256: 'h',
      body: Buffer.from('Action=Greet&Signature=a%2Bb'),
    });
    expect(parts.form).toEqual({ Action: 'Greet', Signature: 'a+b' });
    expect(parts.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
  });
});
