// CSPRNG identifiers: the formats RAM and AWS use, and no repeats over many draws.

import { describe, expect, it } from 'vitest';
import { RandomIdGenerator, randomString } from './random-id-generator.js';

const DRAWS = 2000;
const ids = new RandomIdGenerator();

function draw(make: () => string, count = DRAWS): string[] {
  return Array.from({ length: count }, make);
}

const FORMATS: ReadonlyArray<readonly [string, () => string, RegExp]> = [
  ['accountId', () => ids.accountId(), /^[1-9]\d{15}$/],
  ['userId', () => ids.userId(), /^[1-9]\d{15}$/],
  ['accessKeyId', () => ids.accessKeyId(), /^LTAI[A-Za-z0-9]{20}$/],
  ['accessKeySecret', () => ids.accessKeySecret(), /^[A-Za-z0-9]{30}$/],
  ['AWS accessKeyId', () => ids.accessKeyId('aws'), /^AKIA[A-Z2-7]{16}$/],
  ['AWS accessKeySecret', () => ids.accessKeySecret('aws'), /^[A-Za-z0-9+/]{40}$/],
  [
    'requestId',
    () => ids.requestId(),
    /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/,
  ],
];

describe('RandomIdGenerator', () => {
  it.each(FORMATS)('%s always has its format', (_, make, format) => {
    for (const value of draw(make)) expect(value).toMatch(format);
  });

  it.each(FORMATS)('%s does not repeat over many draws', (_, make) => {
    expect(new Set(draw(make)).size).toBe(DRAWS);
  });

  it('uses every leading digit 1–9 for numeric ids, and never 0', () => {
    const leading = new Set(draw(() => ids.userId()).map((id) => id.charAt(0)));
    expect([...leading].sort().join('')).toBe('123456789');
  });

  it('draws secrets from all 62 alphanumerics', () => {
    const seen = new Set(draw(() => ids.accessKeySecret()).join(''));
    expect(seen.size).toBe(62);
  });

  it('draws AWS secrets from all 64 characters, + and / included', () => {
    const seen = new Set(draw(() => ids.accessKeySecret('aws')).join(''));
    expect(seen.size).toBe(64);
  });
});

describe('randomString', () => {
  it('has the requested length and only characters of the alphabet', () => {
    for (const value of draw(() => randomString('ab', 17), 200)) expect(value).toMatch(/^[ab]{17}$/);
  });

  it('returns the empty string for length 0', () => {
    expect(randomString('abc', 0)).toBe('');
  });

  it('returns the only possible string for a one-letter alphabet', () => {
    expect(randomString('z', 5)).toBe('zzzzz');
  });
});
