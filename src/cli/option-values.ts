/** Reading parsed option values: required ones, booleans and whole numbers, each failure a usage error. */
import { type OptionValues, UsageError } from './command.js';

/** A string option, or undefined when absent or empty. */
export function optionalString(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A string option that must be given. */
export function requiredString(values: OptionValues, name: string): string {
  const value = optionalString(values, name);
  if (value === undefined) throw new UsageError(`missing --${name}`);
  return value;
}

/** `true` or `false` as written (checked here, so a typo never reaches the server). */
export function booleanText(values: OptionValues, name: string): string | undefined {
  const value = optionalString(values, name);
  if (value === undefined || value === 'true' || value === 'false') return value;
  throw new UsageError(`--${name} must be true or false, not ${JSON.stringify(value)}`);
}

/** A whole number as written, with optional bounds. */
export function wholeNumberText(
  values: OptionValues,
  name: string,
  bounds: { min: number; max: number },
): string | undefined {
  const value = optionalString(values, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < bounds.min || Number(value) > bounds.max) {
    throw new UsageError(`--${name} must be a whole number from ${bounds.min} to ${bounds.max}`);
  }
  return String(Number(value));
}
