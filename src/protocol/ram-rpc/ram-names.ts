/** RAM wire names: PascalCase of the neutral camelCase names, with RAM's all-caps acronyms and renames. */
import type { WireNaming } from '../operations/wire-shape.js';

/** RAM writes these acronyms in capitals (`MFAPreference`, `EnableSaveMFATicket`). */
const ACRONYMS: ReadonlyArray<readonly [RegExp, string]> = [[/Mfa(?=[A-Z]|$)/g, 'MFA']];

/** Neutral inputs RAM names otherwise: the target key is `UserAccessKeyId` (`AccessKeyId` signs V1). */
const RAM_PARAMETER_NAMES: Readonly<Record<string, string>> = { accessKeyId: 'UserAccessKeyId' };

/** The RAM wire name of a neutral field name: `userName` → `UserName`, `mfaPreference` → `MFAPreference`. */
export function toRamName(neutral: string): string {
  let name = neutral.charAt(0).toUpperCase() + neutral.slice(1);
  for (const [pattern, replacement] of ACRONYMS) name = name.replace(pattern, replacement);
  return name;
}

/** The RAM request parameter carrying a neutral input: `accessKeyId` → `UserAccessKeyId`, else {@link toRamName}. */
export function toRamParameter(neutral: string): string {
  return RAM_PARAMETER_NAMES[neutral] ?? toRamName(neutral);
}

/** RAM's default output naming: PascalCase fields, lists named by their singular (`AccessKeys.AccessKey`). */
export const RAM_NAMING: WireNaming = { field: toRamName, item: (list) => toRamName(list.itemName) };

/** The RAM API version akm serves. */
export const RAM_API_VERSION = '2015-05-01';
