/** RFC 4180 CSV: a header line, then one line per record. */

/**
 * Quotes a field when it holds a comma, a double quote, CR or LF (doubling inner quotes); leaves it
 * as is otherwise.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Formats records as CSV with `\n` line ends.
 *
 * @param headers - the header record
 * @param rows - one array of fields per record
 * @returns the document, ending in `\n`
 */
export function formatCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return [headers, ...rows].map((row) => `${row.map(csvField).join(',')}\n`).join('');
}
