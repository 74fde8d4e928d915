/**
 * `akm preference get|set`: the account's security preference. `set` offers one flag per
 * SetSecurityPreference input, named after it (`allowUserToManageAccessKeys` →
 * `--allow-user-to-manage-access-keys true|false`).
 */
import {
  getSecurityPreferenceOperation,
  setSecurityPreferenceOperation,
} from '../../protocol/operations/security-preference-operations.js';
import { type Options, UsageError } from '../command.js';
import { booleanText, optionalString, wholeNumberText } from '../option-values.js';
import { formatObject } from '../output/render-response.js';
import { callOnce, defineApiCommand } from './api-command.js';

/** `allowUserToManageAccessKeys` → `allow-user-to-manage-access-keys`. */
function flagOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const SETTINGS = Object.entries(setSecurityPreferenceOperation.input).map(([field, spec]) => ({
  field,
  flag: flagOf(field),
  type: spec.type,
}));

const SET_OPTIONS: Options = Object.fromEntries(SETTINGS.map(({ flag }) => [flag, { type: 'string' }]));

const VALUE_HINT = { boolean: 'true|false', integer: 'N', string: 'TEXT' } as const;

const SET_HELP = SETTINGS.map(({ flag, type }) => `  --${flag} ${VALUE_HINT[type]}`).join('\n');

/** `akm preference get`. */
export const preferenceGetCommand = defineApiCommand({
  path: ['preference', 'get'],
  summary: "Show the account's security preference (GetSecurityPreference)",
  usage: 'preference get',
  plan: () => callOnce(getSecurityPreferenceOperation, {}, formatObject),
});

/** `akm preference set`: only the settings given change. */
export const preferenceSetCommand = defineApiCommand({
  path: ['preference', 'set'],
  summary: "Change the account's security preference (SetSecurityPreference)",
  usage: 'preference set --allow-user-to-manage-access-keys true|false [other settings]',
  details: `Settings (those not given keep their value):\n${SET_HELP}`,
  options: SET_OPTIONS,
  plan(values) {
    const input: Record<string, string | undefined> = {};
    for (const { field, flag, type } of SETTINGS) {
      if (type === 'boolean') input[field] = booleanText(values, flag);
      else if (type === 'integer') input[field] = wholeNumberText(values, flag, { min: 0, max: 999_999_999 });
      else input[field] = optionalString(values, flag);
    }
    if (Object.values(input).every((v) => v === undefined)) {
      throw new UsageError(
        'nothing to change: give at least one setting, e.g. --allow-user-to-manage-access-keys true',
      );
    }
    return callOnce(setSecurityPreferenceOperation, input, formatObject);
  },
});
