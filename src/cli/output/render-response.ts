/** Table views of RAM responses: an object's fields, or a list's chosen columns. */

import { toRamName } from '../../protocol/ram-rpc/ram-names.js';
import { type JsonObject, type JsonValue, readString } from '../api/ram-fields.js';
import { formatFields, formatTable } from './table.js';

function scalarText(value: JsonValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Leaf fields of an object, nested objects flattened in order, named by their own key. */
function leaves(object: JsonObject): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(object)) {
    const text = scalarText(value);
    if (text !== undefined) out.push([name, text]);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) out.push(...leaves(value));
  }
  return out;
}

/**
 * An object as name/value lines (`UserName  alice`), nested objects flattened; `RequestId` left out.
 *
 * @param object - part of a RAM response, e.g. its `User`
 */
export function formatObject(object: JsonObject): string {
  return formatFields(leaves(object).filter(([name]) => name !== toRamName('requestId')));
}

/**
 * Items as a table with the given columns.
 *
 * @param items - list entries of a RAM response
 * @param columns - neutral field names (`userName`); headers show their RAM names
 */
export function formatItems(items: readonly JsonObject[], columns: readonly string[]): string {
  return formatTable(
    columns.map(toRamName),
    items.map((item) => columns.map((column) => readString(item, column) ?? '')),
  );
}
