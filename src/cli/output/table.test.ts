// Plain-text tables: alignment, no trailing spaces, wide characters, and control characters neutralised.
import { describe, expect, it } from 'vitest';
import { formatFields, formatTable } from './table.js';

describe('formatTable', () => {
  it('pads every column but the last to its widest cell plus two spaces', () => {
    expect(
      formatTable(
        ['UserName', 'UserId', 'DisplayName'],
        [
          ['alice', '1234567890123456', 'Alice'],
          ['a-much-longer-name', '1', ''],
        ],
      ),
    ).toBe(
      [
        'UserName            UserId            DisplayName',
        'alice               1234567890123456  Alice',
        'a-much-longer-name  1',
        '',
      ].join('\n'),
    );
  });

  it('prints just the header for no rows', () => {
    expect(formatTable(['AccessKeyId', 'Status'], [])).toBe('AccessKeyId  Status\n');
  });

  it('counts code points, not UTF-16 units or bytes', () => {
    expect(formatTable(['Name', 'X'], [['张三', 'y']])).toBe('Name  X\n张三    y\n');
  });

  it('fills missing cells with nothing and ignores extra ones', () => {
    expect(formatTable(['A', 'B'], [['1'], ['2', '3', '4']])).toBe('A  B\n1\n2  3\n');
  });

  it('replaces control characters, so a value cannot move the cursor or add lines', () => {
    const table = formatTable(['Comments'], [['line1\nline2\u001b[2J\r']]);
    expect(table).toBe('Comments\nline1 line2 [2J\n');
    expect(table.split('\n')).toHaveLength(3);
  });
});

describe('formatFields', () => {
  it('aligns values after the longest name, with no trailing spaces for empty values', () => {
    expect(
      formatFields([
        ['UserName', 'alice'],
        ['Email', ''],
        ['AccessKeyId', 'LTAI…'],
      ]),
    ).toBe('UserName     alice\nEmail\nAccessKeyId  LTAI…\n');
  });

  it('prints nothing for no fields', () => {
    expect(formatFields([])).toBe('');
  });
});
