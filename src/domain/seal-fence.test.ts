// The seal fence: which new sealed values a fence admits.
import { describe, expect, it } from 'vitest';
import { isAkmError } from './errors.js';
import { assertSealFenceAdmits, formatSealFence, sealFenceAdmits, sealFencePrefixes } from './seal-fence.js';

describe('seal fence', () => {
  it('admits everything when there is none', () => {
    expect(sealFenceAdmits(undefined, 'anything')).toBe(true);
  });

  it('admits values starting with one of its prefixes, and nothing else', () => {
    const fence = formatSealFence(['v2.aaaa.', 'v2.bbbb.']);
    expect(sealFenceAdmits(fence, 'v2.aaaa.xyz')).toBe(true);
    expect(sealFenceAdmits(fence, 'v2.bbbb.xyz')).toBe(true);
    expect(sealFenceAdmits(fence, 'v2.cccc.xyz')).toBe(false);
    expect(sealFenceAdmits(fence, 'v1.xyz')).toBe(false);
  });

  it('lists each prefix once, and reads back what it wrote', () => {
    const fence = formatSealFence(['v2.a.', 'v2.b.', 'v2.a.']);
    expect(fence).toBe('v2.a. v2.b.');
    expect(sealFencePrefixes(fence)).toEqual(['v2.a.', 'v2.b.']);
    expect(sealFencePrefixes(undefined)).toEqual([]);
  });

  it('throws SEALING_KEY_RETIRED for a value it does not admit', () => {
    expect(() => assertSealFenceAdmits('v2.a.', 'v2.a.x')).not.toThrow();
    let thrown: unknown;
    try {
      assertSealFenceAdmits('v2.a.', 'v2.b.x');
    } catch (error) {
      thrown = error;
    }
    expect(isAkmError(thrown, 'SEALING_KEY_RETIRED')).toBe(true);
  });
});
