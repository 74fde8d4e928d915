/** Plain-text tables for terminals: aligned columns, no borders, no trailing spaces, no control characters. */
import { printable } from './printable.js';

/** Display width, counting code points (so `张三` is 2, not 6 bytes). */
function width(text: string): number {
  return [...text].length;
}

/**
 * Formats rows under a header, each column as wide as its widest cell plus two spaces.
 *
 * @param headers - column titles
 * @param rows - cells, one array per row, as many as there are headers
 * @returns lines ending in `\n`; just the header line for no rows
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [headers, ...rows].map((row) => headers.map((_, i) => printable(row[i] ?? '')));
  const widths = headers.map((_, i) => Math.max(...all.map((row) => width(row[i] ?? ''))));
  return all
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell))))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * Formats name/value pairs as two aligned columns (`UserName  alice`).
 *
 * @param fields - pairs in display order
 * @returns lines ending in `\n`
 */
export function formatFields(fields: readonly (readonly [string, string])[]): string {
  const nameWidth = Math.max(0, ...fields.map(([name]) => width(name)));
  return fields
    .map(
      ([name, value]) =>
        `${`${printable(name)}${' '.repeat(nameWidth - width(name))}  ${printable(value)}`.trimEnd()}\n`,
    )
    .join('');
}
