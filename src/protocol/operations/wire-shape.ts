/**
 * Declarative per-wire output shapes: which neutral output fields a wire renders, under which names, in
 * which order, with which list item names and placeholders for absent values. An operation's neutral
 * output is projected through its wire's shape into a tree keyed by wire names, which the wire's renderer
 * writes without knowing any operation.
 */
import { OutputList, type OutputObject, type OutputValue } from './output.js';

/** How a wire names things it was not told to rename. */
export interface WireNaming {
  /** The wire name of a neutral field name. */
  field(neutral: string): string;
  /** The wire name of a list's items (RAM: the singular, IAM: `member`). */
  item(list: OutputList): string;
}

/** One field a wire renders: a neutral name taking the default wire name, or a rule. */
export type FieldRule = string | FieldMapping;

/** A rule for one field of the neutral output. */
export interface FieldMapping {
  /** The neutral field. */
  readonly field: string;
  /** Its wire name; the naming's default when absent. */
  readonly as?: string;
  /** For an object or a list of objects: the shape of that object or of each item. */
  readonly shape?: OutputShape;
  /** For a list: its items' wire name, instead of the naming's default. */
  readonly item?: string;
  /** Rendered when the value is null or absent (IAM's `N/A`). */
  readonly absent?: string;
}

/** The fields a wire renders of one object, in wire order; `'all'` renders every field by default names. */
export type OutputShape = 'all' | readonly FieldRule[];

/** Shorthand for a renamed or nested field. */
export function field(neutral: string, rule: Omit<FieldMapping, 'field'>): FieldMapping {
  return { field: neutral, ...rule };
}

function projectValue(value: OutputValue, rule: FieldMapping, naming: WireNaming): OutputValue {
  if (value === null || value === undefined) return rule.absent;
  if (value instanceof OutputList) {
    const items = value.items.map((item) => projectItem(item, rule.shape ?? 'all', naming));
    return new OutputList(rule.item ?? naming.item(value), items);
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    return projectOutput(value, rule.shape ?? 'all', naming);
  }
  return value;
}

function projectItem(item: OutputValue, shape: OutputShape, naming: WireNaming): OutputValue {
  if (item === null || item === undefined || item instanceof Date || item instanceof OutputList) return item;
  return typeof item === 'object' ? projectOutput(item, shape, naming) : item;
}

/**
 * Projects a neutral output object through `shape`: the result's keys are wire names, in shape order;
 * nested objects and lists are projected through their own shapes. Fields the shape does not name are
 * left out, so a field added for one wire never leaks into another.
 */
export function projectOutput(output: OutputObject, shape: OutputShape, naming: WireNaming): OutputObject {
  const rules: readonly FieldRule[] = shape === 'all' ? Object.keys(output) : shape;
  const projected: Record<string, OutputValue> = {};
  for (const entry of rules) {
    const rule = typeof entry === 'string' ? { field: entry } : entry;
    projected[rule.as ?? naming.field(rule.field)] = projectValue(output[rule.field], rule, naming);
  }
  return projected;
}
