/** RAM wire names: PascalCase of the neutral camelCase names, with RAM's all-caps acronyms. */

/** RAM writes these acronyms in capitals (`MFAPreference`, `EnableSaveMFATicket`). */
const ACRONYMS: ReadonlyArray<readonly [RegExp, string]> = [[/Mfa(?=[A-Z]|$)/g, 'MFA']];

/** The RAM wire name of a neutral field name: `userName` → `UserName`, `mfaPreference` → `MFAPreference`. */
export function toRamName(neutral: string): string {
  let name = neutral.charAt(0).toUpperCase() + neutral.slice(1);
  for (const [pattern, replacement] of ACRONYMS) name = name.replace(pattern, replacement);
  return name;
}

/** The RAM API version akm serves. */
export const RAM_API_VERSION = '2015-05-01';
