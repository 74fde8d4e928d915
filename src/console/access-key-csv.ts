// The CSV file RAM's console offers when an AccessKey is created: a header line and one row.

/** RAM's console writes these two columns. */
const HEADER = ['AccessKey ID', 'AccessKey Secret'];

/** The file name the download is saved as. */
export const ACCESS_KEY_CSV_FILE_NAME = 'AccessKey.csv';

/**
 * Builds the CSV (RFC 4180: CRLF line ends, fields quoted only when they need it).
 *
 * @param accessKeyId - the new key's id
 * @param accessKeySecret - its secret, shown this once
 * @returns `AccessKey ID,AccessKey Secret\r\n<id>,<secret>\r\n`
 */
export function buildAccessKeyCsv(accessKeyId: string, accessKeySecret: string): string {
  return [HEADER, [accessKeyId, accessKeySecret]].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
