/** Input rules for stored entities; failures are AkmErrors naming the neutral field and the broken rule. */
import { type Constraint, codePoints, enforce, length, pattern } from './constraints.js';
import { AkmError } from './errors.js';

/**
 * The characters a user name may hold: what either wire can create, so that every stored name can be
 * listed and addressed through both (RAM allows `[a-zA-Z0-9.@_-]`, IAM adds `+ = ,`). The pattern is
 * IAM's own `[\w+=,.@-]+` with `\w` as ASCII word characters.
 */
export const USER_NAME_PATTERN = '[\\w+=,.@-]+';
/** The rules of a user name being created or renamed: 1–64 characters of {@link USER_NAME_PATTERN}. */
export const USER_NAME_RULES: readonly Constraint[] = [length(1, 64), pattern(USER_NAME_PATTERN)];
/** IAM's path: exactly `/`, or `/`-delimited printable ASCII without spaces, at most 512 characters. */
export const PATH_RULES: readonly Constraint[] = [
  length(1, 512),
  pattern('(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)'),
];
/** IAM's path prefix for listing: `/` followed by printable ASCII. */
export const PATH_PREFIX_RULES: readonly Constraint[] = [
  length(1, 512),
  pattern('\\u002F[\\u0021-\\u007F]*'),
];

const POLICY_NAME = /^[a-zA-Z0-9-]+$/;
const MOBILE_PHONE = /^\d{1,4}-\d{1,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** C0/C1 control characters and unpaired surrogates cannot be stored or rendered faithfully. */
function hasUnprintable(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

function checkLength(value: string, max: number, field: string): void {
  if (value.length === 0 || codePoints(value) > max) throw new AkmError('INVALID_LENGTH', { field });
}

/** A user name being created or renamed: see {@link USER_NAME_RULES}. */
export function validateUserName(value: string, field = 'userName'): string {
  return enforce(field, value, USER_NAME_RULES);
}

/** An IAM path: see {@link PATH_RULES}. */
export function validatePath(value: string, field = 'path'): string {
  return enforce(field, value, PATH_RULES);
}

/** A display name: 1–128 printable characters (RAM's console accepts spaces and CJK). */
export function validateDisplayName(value: string, field = 'displayName'): string {
  checkLength(value, 128, field);
  if (hasUnprintable(value)) throw new AkmError('INVALID_CHARS', { field });
  return value;
}

/** Comments: at most 128 printable characters; empty clears them. */
export function validateComments(value: string, field = 'comments'): string {
  if (codePoints(value) > 128) throw new AkmError('INVALID_LENGTH', { field });
  if (hasUnprintable(value)) throw new AkmError('INVALID_CHARS', { field });
  return value;
}

/** A mobile phone as RAM writes it: `<country code>-<number>`, e.g. `86-18600008888`. */
export function validateMobilePhone(value: string, field = 'mobilePhone'): string {
  if (!MOBILE_PHONE.test(value)) throw new AkmError('INVALID_FORMAT', { field });
  return value;
}

/** An email address (syntactic check only). */
export function validateEmail(value: string, field = 'email'): string {
  if (value.length > 128 || !EMAIL.test(value)) throw new AkmError('INVALID_FORMAT', { field });
  return value;
}

/** A policy name: 1–128 of letters, digits and `-`. */
export function validatePolicyName(value: string, field = 'policyName'): string {
  checkLength(value, 128, field);
  if (!POLICY_NAME.test(value)) throw new AkmError('INVALID_CHARS', { field });
  return value;
}
