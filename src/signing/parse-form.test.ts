// Form and query-string decoding: well-formed, malformed and hostile input.

import { describe, expect, it } from 'vitest';
import { parseFormEncoded } from './parse-form.js';

describe('parseFormEncoded', () => {
  it('decodes pairs in order', () => {
    expect(parseFormEncoded('Action=CreateUser&UserName=alice')).toEqual([
      ['Action', 'CreateUser'],
      ['UserName', 'alice'],
    ]);
  });

  it('returns nothing for empty input', () => {
    expect(parseFormEncoded('')).toEqual([]);
  });

  it('decodes + as a space and %2B as a plus', () => {
    expect(parseFormEncoded('a+b=c+d%2Be')).toEqual([['a b', 'c d+e']]);
  });

  it('decodes percent-encoded UTF-8', () => {
    expect(parseFormEncoded('n=%E5%BC%A0%E4%B8%89&e=%F0%9F%98%80')).toEqual([
      ['n', '张三'],
      ['e', '😀'],
    ]);
  });

  it('keeps literal non-ASCII text', () => {
    expect(parseFormEncoded('n=张三')).toEqual([['n', '张三']]);
  });

  it('keeps duplicates in arrival order', () => {
    expect(parseFormEncoded('a=1&b=2&a=3')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
    ]);
  });

  it('skips empty pairs', () => {
    expect(parseFormEncoded('&a=1&&b=2&')).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('gives an empty value to a name without =, and keeps empty names and values', () => {
    expect(parseFormEncoded('flag&a=&=v')).toEqual([
      ['flag', ''],
      ['a', ''],
      ['', 'v'],
    ]);
  });

  it('splits on the first = only', () => {
    expect(parseFormEncoded('a=b=c')).toEqual([['a', 'b=c']]);
  });

  it('keeps malformed escapes literally', () => {
    expect(parseFormEncoded('a=%ZZ&b=%&c=%4&d=100%')).toEqual([
      ['a', '%ZZ'],
      ['b', '%'],
      ['c', '%4'],
      ['d', '100%'],
    ]);
  });

  it('still decodes the valid escapes next to a malformed one', () => {
    expect(parseFormEncoded('a=%41%ZZ%42+%E5%BC%A0')).toEqual([['a', 'A%ZZB 张']]);
  });

  it('turns truncated or invalid UTF-8 into U+FFFD', () => {
    expect(parseFormEncoded('a=%E4%B8&b=x%FFy&c=%C0%AF&d=%ED%A0%80')).toEqual([
      ['a', '\uFFFD'],
      ['b', 'x\uFFFDy'],
      ['c', '\uFFFD\uFFFD'],
      ['d', '\uFFFD\uFFFD\uFFFD'],
    ]);
  });

  it('never throws on random input', () => {
    const alphabet = ['%', '+', '=', '&', 'a', 'Z', '0', 'F', 'E', '\uD800', '张', ' '];
    for (let n = 0; n < 2000; n++) {
      const length = n % 17;
      let s = '';
      for (let i = 0; i < length; i++) s += alphabet[(n * 31 + i * 7 + i * i) % alphabet.length];
      expect(() => parseFormEncoded(s)).not.toThrow();
    }
  });
});
