// Constant-time comparison: correct answers, and no exception on unequal lengths.

import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constant-time.js';

describe('constantTimeEqual', () => {
  it('is true for identical strings', () => {
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('kRA2cnpJVacIhDMzXnoNZG9tDCI=', 'kRA2cnpJVacIhDMzXnoNZG9tDCI=')).toBe(true);
    expect(constantTimeEqual('张三', '张三')).toBe(true);
  });

  it('is false for strings that differ in one character', () => {
    expect(constantTimeEqual('abcdef', 'abcdeg')).toBe(false);
    expect(constantTimeEqual('Abcdef', 'abcdef')).toBe(false);
  });

  it('is false, without throwing, for different lengths', () => {
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
    expect(constantTimeEqual('a'.repeat(10_000), 'a')).toBe(false);
  });

  it('compares UTF-8 bytes, not UTF-16 code units', () => {
    expect(constantTimeEqual('\u00e9', 'e\u0301')).toBe(false);
    expect(constantTimeEqual('\uD800', '\uFFFD')).toBe(true);
  });
});
