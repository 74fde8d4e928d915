// V1 canonicalisation rules beyond what the captured requests exercise.

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildAcsV1StringToSign, computeAcsV1Signature } from './acs-v1.js';

describe('buildAcsV1StringToSign', () => {
  it('drops Signature, sorts by name in code-unit order and double-encodes the canonical string', () => {
    const params: Array<[string, string]> = [
      ['b', 'x y'],
      ['Signature', 'ignored'],
      ['a', '1'],
      ['B', '*'],
    ];
    expect(buildAcsV1StringToSign('GET', params)).toBe('GET&%2F&B%3D%252A%26a%3D1%26b%3Dx%2520y');
  });

  it('keeps repeated names in arrival order', () => {
    const params: Array<[string, string]> = [
      ['a', '2'],
      ['a', '1'],
    ];
    expect(buildAcsV1StringToSign('POST', params)).toBe('POST&%2F&a%3D2%26a%3D1');
  });

  it('signs nothing but the method and path when there are no parameters', () => {
    expect(buildAcsV1StringToSign('GET', [['Signature', 'x']])).toBe('GET&%2F&');
  });
});

describe('computeAcsV1Signature', () => {
  it('is base64 HMAC-SHA1 keyed with secret + "&"', () => {
    const expected = createHmac('sha1', 'testsecret&').update('GET&%2F&').digest('base64');
    expect(computeAcsV1Signature('GET&%2F&', 'testsecret')).toBe(expected);
  });
});
