// RFC 4180 CSV: which fields are quoted, how quotes are escaped, and the document's shape.
import { describe, expect, it } from 'vitest';
import { csvField, formatCsv } from './csv.js';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['<root>', '<root>'],
    ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [' padded ', ' padded '],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('formatCsv', () => {
  it('writes the header, then one line per record, each ending in \\n', () => {
    expect(
      formatCsv(
        ['user', 'age_days'],
        [
          ['alice', '3'],
          ['o,brien', ''],
        ],
      ),
    ).toBe('user,age_days\nalice,3\n"o,brien",\n');
  });

  it('is just the header for no records', () => {
    expect(formatCsv(['a', 'b'], [])).toBe('a,b\n');
  });
});
