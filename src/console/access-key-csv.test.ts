import { describe, expect, it } from 'vitest';
import { ACCESS_KEY_CSV_FILE_NAME, buildAccessKeyCsv } from './access-key-csv.js';

describe('buildAccessKeyCsv', () => {
  it('writes RAM console’s two columns, CRLF-terminated', () => {
    expect(buildAccessKeyCsv('LTAI5tEXAMPLE', 'Secret0123')).toBe(
      'AccessKey ID,AccessKey Secret\r\nLTAI5tEXAMPLE,Secret0123\r\n',
    );
    expect(ACCESS_KEY_CSV_FILE_NAME).toBe('AccessKey.csv');
  });

  it('quotes a field that needs it (RFC 4180)', () => {
    expect(buildAccessKeyCsv('a,b', 'say "hi"')).toBe(
      'AccessKey ID,AccessKey Secret\r\n"a,b","say ""hi"""\r\n',
    );
  });
});
