/** JSON bodies from output already projected to wire names: dates to the second, absent values left out. */
import { formatIsoSeconds } from './format-date.js';
import { OutputList, type OutputObject, type OutputValue } from './operations/output.js';

/** A JSON value. */
export type Json = string | number | boolean | Json[] | { [key: string]: Json };

/**
 * How lists are written: `wrapped` in their plural object as RAM writes them (`{"AccessKey":[…]}`), or as
 * `plain` arrays.
 */
export type JsonLists = 'wrapped' | 'plain';

function toJson(value: OutputValue, lists: JsonLists): Json | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return formatIsoSeconds(value);
  if (value instanceof OutputList) {
    const items: Json[] = [];
    for (const item of value.items) {
      const j = toJson(item, lists);
      if (j !== undefined) items.push(j);
    }
    return lists === 'wrapped' ? { [value.itemName]: items } : items;
  }
  if (typeof value === 'object') return outputToJson(value, lists);
  return value;
}

/** An output object as a JSON object, its lists written as `lists` says. */
export function outputToJson(object: OutputObject, lists: JsonLists): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(object)) {
    const j = toJson(value, lists);
    if (j !== undefined) out[key] = j;
  }
  return out;
}
