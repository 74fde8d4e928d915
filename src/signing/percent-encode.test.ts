// RFC 3986 encoding, including the characters JavaScript's encoder leaves alone and broken UTF-16.

import { describe, expect, it } from 'vitest';
import { percentEncode } from './percent-encode.js';

describe('percentEncode', () => {
  it.each([
    ['', ''],
    ['AZaz09-_.~', 'AZaz09-_.~'],
    [' ', '%20'],
    ['+', '%2B'],
    ["!'()*", '%21%27%28%29%2A'],
    ['/:=&?#@', '%2F%3A%3D%26%3F%23%40'],
    ['%', '%25'],
    ['张三', '%E5%BC%A0%E4%B8%89'],
    ['é', '%C3%A9'],
    ['😀', '%F0%9F%98%80'],
    ['\n\u0000\u007f', '%0A%00%7F'],
    ['2026-11-29T19:42:46Z', '2026-11-29T19%3A42%3A46Z'],
  ])('encodes %j as %j', (input, expected) => {
    expect(percentEncode(input)).toBe(expected);
  });

  it('uses upper-case hex digits', () => {
    expect(percentEncode('\u00ff[]')).toBe('%C3%BF%5B%5D');
  });

  it.each([
    ['a\uD800b', 'a%EF%BF%BDb'],
    ['\uDC00', '%EF%BF%BD'],
    ['\uDC00\uD800', '%EF%BF%BD%EF%BF%BD'],
    ['\uD83D\uDE00\uD83D', '%F0%9F%98%80%EF%BF%BD'],
  ])('encodes lone surrogates in %j as U+FFFD without throwing', (input, expected) => {
    expect(percentEncode(input)).toBe(expected);
  });

  it('matches the bytes Node encodes for a lone surrogate', () => {
    const bytes = Buffer.from('\uD800', 'utf8');
    expect(percentEncode('\uD800')).toBe([...bytes].map((b) => `%${b.toString(16).toUpperCase()}`).join(''));
  });

  it('round-trips through decodeURIComponent for well-formed input', () => {
    const input = "Alice Smith (dev)*!'~ 张三 a+b/c=d&e";
    expect(decodeURIComponent(percentEncode(input))).toBe(input);
  });
});
