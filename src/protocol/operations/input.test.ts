// Operation input coercion from wire strings: types, empty-as-absent, and the field each failure names.

import { describe, expect, it } from 'vitest';
import { catchAkmError } from '../../testing/catch-akm-error.js';
import { readInput } from './input.js';

/** A wire lookup over fixed values. */
function from(values: Record<string, string>): (field: string) => string | undefined {
  return (field) => (Object.hasOwn(values, field) ? values[field] : undefined);
}

describe('readInput', () => {
  describe('strings', () => {
    const spec = { name: { type: 'string' } } as const;

    it.each(['alice', ' padded ', '0', 'true', '张三'])('keeps %j exactly as sent', (raw) => {
      expect(readInput(spec, from({ name: raw }))).toEqual({ name: raw });
    });
  });

  describe('booleans', () => {
    const spec = { flag: { type: 'boolean' } } as const;

    it.each([
      ['true', true],
      ['TRUE', true],
      ['True', true],
      ['tRuE', true],
      ['false', false],
      ['FALSE', false],
      ['False', false],
    ])('reads %j as %s', (raw, value) => {
      expect(readInput(spec, from({ flag: raw }))).toEqual({ flag: value });
    });

    it.each(['1', '0', 'yes', 'no', 'on', ' true', 'true ', 't', 'truee'])(
      'rejects %j with INVALID_VALUE naming the field',
      (raw) => {
        const error = catchAkmError(() => readInput(spec, from({ flag: raw })));
        expect([error.code, error.details.field]).toEqual(['INVALID_VALUE', 'flag']);
      },
    );
  });

  describe('integers', () => {
    const spec = { count: { type: 'integer' } } as const;

    it.each([
      ['0', 0],
      ['7', 7],
      ['007', 7],
      ['1000', 1000],
      ['-5', -5],
      ['999999999', 999_999_999],
    ])('reads %j as %i', (raw, value) => {
      expect(readInput(spec, from({ count: raw }))).toEqual({ count: value });
    });

    it.each([
      '1e3',
      '0x10',
      ' 5',
      '5 ',
      '+5',
      '1.0',
      '1.5',
      '1,000',
      '--1',
      '-',
      'NaN',
      'Infinity',
      'ten',
      '1234567890',
      '\u0663',
      '\uff15',
    ])('rejects %j with INVALID_VALUE naming the field', (raw) => {
      const error = catchAkmError(() => readInput(spec, from({ count: raw })));
      expect([error.code, error.details.field]).toEqual(['INVALID_VALUE', 'count']);
    });
  });

  describe('absence', () => {
    const spec = {
      userName: { type: 'string', required: true },
      comments: { type: 'string' },
      flag: { type: 'boolean' },
      count: { type: 'integer' },
    } as const;

    it('gives undefined for a missing or empty optional field, whatever its type', () => {
      expect(readInput(spec, from({ userName: 'alice' }))).toEqual({
        userName: 'alice',
        comments: undefined,
        flag: undefined,
        count: undefined,
      });
      const input = readInput(spec, from({ userName: 'alice', comments: '', flag: '', count: '' }));
      expect(input).toEqual({ userName: 'alice', comments: undefined, flag: undefined, count: undefined });
      expect(Object.keys(input).sort()).toEqual(['comments', 'count', 'flag', 'userName']);
    });

    it.each([
      ['missing', {}],
      ['empty', { userName: '' }],
    ])('fails with MISSING_PARAMETER naming a %s required field', (_, values) => {
      const error = catchAkmError(() => readInput(spec, from(values)));
      expect([error.code, error.details.field]).toEqual(['MISSING_PARAMETER', 'userName']);
    });

    it('reports a missing required field even when an optional one is also malformed', () => {
      const error = catchAkmError(() =>
        readInput(
          { userName: { type: 'string', required: true }, count: { type: 'integer' } },
          from({ count: 'x' }),
        ),
      );
      expect(error.code).toBe('MISSING_PARAMETER');
    });
  });

  it('asks the lookup for each declared field by its neutral name, and only those', () => {
    const asked: string[] = [];
    const input = readInput({ userName: { type: 'string' }, maxItems: { type: 'integer' } }, (field) => {
      asked.push(field);
      return { userName: 'bob', maxItems: '3', extra: 'ignored' }[field];
    });
    expect(asked).toEqual(['userName', 'maxItems']);
    expect(input).toEqual({ userName: 'bob', maxItems: 3 });
  });

  it('reads nothing for an empty spec', () => {
    expect(readInput({}, () => 'x')).toEqual({});
  });
});
