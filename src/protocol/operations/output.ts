/** The protocol-neutral result tree every operation returns and every wire renders. */

/** A value in an operation's output. `undefined` and `null` are omitted by renderers. */
export type OutputValue = string | number | boolean | Date | null | undefined | OutputObject | OutputList;

/** An object whose keys are neutral camelCase names; each wire maps them to its own names. */
export interface OutputObject {
  readonly [key: string]: OutputValue;
}

/**
 * A list, always rendered as a list even with one element. `itemName` is the singular name a wire may
 * need (RAM's JSON `AccessKeys.AccessKey[]`, its XML `<AccessKeys><AccessKey>…`).
 */
export class OutputList {
  constructor(
    readonly itemName: string,
    readonly items: readonly OutputValue[],
  ) {}
}

/** Shorthand for {@link OutputList}. */
export function listOf(itemName: string, items: readonly OutputValue[]): OutputList {
  return new OutputList(itemName, items);
}
