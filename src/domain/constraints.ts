/**
 * Declarative input constraints: the rules wires publish for their parameters and the domain applies to
 * what it stores. A violation is an AkmError naming the field, the value and the rule, so each wire can
 * word it its own way (RAM's InvalidParameter.*, IAM's "1 validation error detected: …").
 */
import { AkmError, type ErrorCode } from './errors.js';

/** One rule over a string input (lengths count Unicode code points). */
export type Constraint =
  | { readonly kind: 'length'; readonly min: number; readonly max: number }
  | { readonly kind: 'pattern'; readonly pattern: string }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'range'; readonly min: number; readonly max: number };

/** The error code each kind of violation raises. */
const CODES: Readonly<Record<Constraint['kind'], ErrorCode>> = {
  length: 'INVALID_LENGTH',
  pattern: 'INVALID_CHARS',
  enum: 'INVALID_VALUE',
  range: 'INVALID_VALUE',
};

/** Shorthands for declaring constraints. */
export const length = (min: number, max: number): Constraint => ({ kind: 'length', min, max });
export const pattern = (source: string): Constraint => ({ kind: 'pattern', pattern: source });
export const oneOf = (...values: string[]): Constraint => ({ kind: 'enum', values });
export const range = (min: number, max: number): Constraint => ({ kind: 'range', min, max });

/** Length in Unicode code points, as users count characters. */
export function codePoints(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

const compiled = new Map<string, RegExp>();

/** Whether the whole of `value` matches `source` (anchored, compiled once). */
function matchesWhole(source: string, value: string): boolean {
  let regex = compiled.get(source);
  if (!regex) {
    regex = new RegExp(`^(?:${source})$`, 'u');
    compiled.set(source, regex);
  }
  return regex.test(value);
}

/** Whether `value` satisfies `constraint`; a non-integer never fails a range (coercion reports it). */
export function satisfies(value: string, constraint: Constraint): boolean {
  switch (constraint.kind) {
    case 'length': {
      const n = codePoints(value);
      return n >= constraint.min && n <= constraint.max;
    }
    case 'pattern':
      return matchesWhole(constraint.pattern, value);
    case 'enum':
      return constraint.values.includes(value);
    case 'range': {
      if (!/^-?\d{1,15}$/.test(value)) return true;
      const n = Number(value);
      return n >= constraint.min && n <= constraint.max;
    }
  }
}

/** Checks `value` against each constraint in order; the first one broken fails with its error. */
export function enforce(field: string, value: string, constraints: readonly Constraint[]): string {
  for (const constraint of constraints) {
    if (!satisfies(value, constraint))
      throw new AkmError(CODES[constraint.kind], { field, value, constraint });
  }
  return value;
}
