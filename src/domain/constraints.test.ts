// Declarative constraints: each kind, checked in order, failing with the code, field, value and rule.
import { describe, expect, it } from 'vitest';
import { enforce, length, oneOf, pattern, range, satisfies } from './constraints.js';
import { AkmError } from './errors.js';

describe('satisfies', () => {
  it.each([
    [length(1, 3), 'abc', true],
    [length(1, 3), '', false],
    [length(1, 3), '字字字', true],
    [length(1, 3), '😀😀😀😀', false],
    [pattern('[a-z]+'), 'abc', true],
    [pattern('[a-z]+'), 'abc1', false],
    [pattern('(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)'), '/a/', true],
    [pattern('(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)'), '/a', false],
    [oneOf('A', 'B'), 'B', true],
    [oneOf('A', 'B'), 'b', false],
    [range(1, 10), '10', true],
    [range(1, 10), '0', false],
    [range(1, 10), 'abc', true],
  ] as const)('%j on %j is %s', (constraint, value, expected) => {
    expect(satisfies(value, constraint)).toBe(expected);
  });
});

describe('enforce', () => {
  it('returns the value when every rule holds', () => {
    expect(enforce('userName', 'alice', [length(1, 64), pattern('[a-z]+')])).toBe('alice');
  });

  it('fails on the first broken rule with its code, the field, the value and the rule', () => {
    try {
      enforce('userName', 'A'.repeat(65), [length(1, 64), pattern('[a-z]+')]);
      expect.fail('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(AkmError);
      expect((error as AkmError).code).toBe('INVALID_LENGTH');
      expect((error as AkmError).details).toEqual({
        field: 'userName',
        value: 'A'.repeat(65),
        constraint: length(1, 64),
      });
    }
  });

  it.each([
    [pattern('[a-z]+'), 'INVALID_CHARS'],
    [oneOf('x'), 'INVALID_VALUE'],
    [range(5, 6), 'INVALID_VALUE'],
  ] as const)('reports %j as %s', (constraint, code) => {
    expect(() => enforce('f', '1', [constraint])).toThrow(code);
  });
});
