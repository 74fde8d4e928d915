/**
 * How one wire exposes one operation, declared as data: the wire's action name, the inputs it carries
 * and requires, the constraints it publishes for them, and the output shape it renders. Each protocol
 * keeps a table of these; the operations themselves stay wire-neutral.
 */
import type { Constraint } from '../../domain/constraints.js';
import { enforce } from '../../domain/constraints.js';
import { type FieldSpec, type InputOf, type InputSpec, readInput } from './input.js';
import type { Operation } from './operation.js';
import type { OutputShape } from './wire-shape.js';

/** Constraints by neutral input field. */
export type FieldConstraints = Readonly<Record<string, readonly Constraint[]>>;

/** One operation as one wire exposes it. */
export interface WireBinding {
  /** The wire's name for the operation (RAM and IAM share the operations' own names). */
  readonly action: string;
  readonly operation: Operation;
  /** The neutral inputs the wire carries; `'all'` carries every input the operation declares. */
  readonly input: 'all' | readonly string[];
  /** Inputs the wire requires although the operation does not (RAM's GetUser UserName). */
  readonly required?: readonly string[];
  /** Constraints for this operation's inputs that replace the wire's defaults for the same field. */
  readonly constraints?: FieldConstraints;
  /** What the wire renders of the output. */
  readonly output: OutputShape;
}

/** The input spec the wire reads for `binding`: the carried inputs, with the wire's required ones. */
export function boundInputSpec(binding: WireBinding): InputSpec {
  const declared = binding.operation.input;
  const carried = binding.input === 'all' ? Object.keys(declared) : binding.input;
  const spec: Record<string, FieldSpec> = {};
  for (const name of carried) {
    const fieldSpec = declared[name];
    if (!fieldSpec) throw new Error(`${binding.action}: the operation declares no input ${name}`);
    spec[name] = binding.required?.includes(name) ? { ...fieldSpec, required: true } : fieldSpec;
  }
  return spec;
}

/**
 * Checks every present raw input of `spec` against the binding's constraints (or the wire's defaults),
 * before any coercion; the first broken rule fails with its AkmError.
 */
function enforceWireConstraints(
  binding: WireBinding,
  spec: InputSpec,
  defaults: FieldConstraints,
  lookup: (field: string) => string | undefined,
): void {
  for (const name of Object.keys(spec)) {
    const value = lookup(name);
    const rules = binding.constraints?.[name] ?? defaults[name];
    if (value !== undefined && value !== '' && rules) enforce(name, value, rules);
  }
}

/**
 * Reads the input a wire carries for `binding`: its constraints (or the wire's `defaults`) checked on the
 * raw values first, then the declared types and required fields.
 */
export function readBoundInput(
  binding: WireBinding,
  defaults: FieldConstraints,
  lookup: (field: string) => string | undefined,
): InputOf<InputSpec> {
  const spec = boundInputSpec(binding);
  enforceWireConstraints(binding, spec, defaults, lookup);
  return readInput(spec, lookup);
}

/** Indexes bindings by action name, refusing duplicates. */
export function bindingsByAction<B extends WireBinding>(bindings: readonly B[]): ReadonlyMap<string, B> {
  const byAction = new Map<string, B>();
  for (const binding of bindings) {
    if (byAction.has(binding.action)) throw new Error(`duplicate wire action ${binding.action}`);
    byAction.set(binding.action, binding);
  }
  return byAction;
}
