/**
 * Reading RAM JSON responses by neutral field name (`userName` → `UserName`, via the RAM name mapping),
 * so the CLI never spells wire names itself and never trusts a field's type blindly.
 */
import { toRamName } from '../../protocol/ram-rpc/ram-names.js';

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses text that must be a JSON object; anything else (HTML, an array, garbage) gives undefined. */
export function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A string or number field as text; undefined when absent or of another type. */
export function readString(object: JsonObject, field: string): string | undefined {
  const value = object[toRamName(field)];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** A boolean field (RAM sends real booleans); undefined when absent. */
export function readBoolean(object: JsonObject, field: string): boolean | undefined {
  const value = object[toRamName(field)];
  return typeof value === 'boolean' ? value : undefined;
}

/** A nested object; an empty one when absent. */
export function readObject(object: JsonObject, field: string): JsonObject {
  const value = object[toRamName(field)];
  return isJsonObject(value) ? value : {};
}

/** A RAM list, `{"Users":{"User":[…]}}` read as `readList(response, 'users', 'user')`; objects only. */
export function readList(object: JsonObject, plural: string, item: string): JsonObject[] {
  const value = readObject(object, plural)[toRamName(item)];
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}
