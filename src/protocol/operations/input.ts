/** Declared operation inputs and their coercion from wire strings, shared by every protocol. */
import { AkmError } from '../../domain/errors.js';

/** The type of one input field. */
export type FieldType = 'string' | 'boolean' | 'integer';

/** One declared input field. */
export interface FieldSpec {
  readonly type: FieldType;
  readonly required?: boolean;
}

/** An operation's inputs by neutral camelCase name. */
export type InputSpec = Readonly<Record<string, FieldSpec>>;

type ValueOf<F extends FieldSpec> = F['type'] extends 'boolean'
  ? boolean
  : F['type'] extends 'integer'
    ? number
    : string;

/** The parsed input of an operation declared with spec `S`. */
export type InputOf<S extends InputSpec> = {
  readonly [K in keyof S]: S[K]['required'] extends true ? ValueOf<S[K]> : ValueOf<S[K]> | undefined;
};

function coerce(field: string, type: FieldType, raw: string): string | boolean | number {
  switch (type) {
    case 'string':
      return raw;
    case 'boolean': {
      const v = raw.toLowerCase();
      if (v === 'true') return true;
      if (v === 'false') return false;
      throw new AkmError('INVALID_VALUE', { field });
    }
    case 'integer':
      // Digits only: `1e3`, `0x10` and ` 5` are not what a client meant to send.
      if (!/^-?\d{1,9}$/.test(raw)) throw new AkmError('INVALID_VALUE', { field });
      return Number(raw);
  }
}

/**
 * Builds the input from a wire lookup. An empty value counts as absent, as RAM's gateway treats it;
 * a missing required field fails with MISSING_PARAMETER naming it.
 */
export function readInput<S extends InputSpec>(
  spec: S,
  lookup: (field: string) => string | undefined,
): InputOf<S> {
  const out: Record<string, string | boolean | number | undefined> = {};
  for (const [field, fieldSpec] of Object.entries(spec)) {
    const raw = lookup(field);
    if (raw === undefined || raw === '') {
      if (fieldSpec.required) throw new AkmError('MISSING_PARAMETER', { field });
      out[field] = undefined;
      continue;
    }
    out[field] = coerce(field, fieldSpec.type, raw);
  }
  return out as InputOf<S>;
}
