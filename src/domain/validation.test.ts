// Input rules for stored entities: every rule, its boundaries, and the field each failure names.

import { describe, expect, it } from 'vitest';
import { AkmError, type ErrorCode } from './errors.js';
import {
  validateComments,
  validateDisplayName,
  validateEmail,
  validateMobilePhone,
  validatePath,
  validatePolicyName,
  validateUserName,
} from './validation.js';

/** The code and field of the AkmError `action` throws (domain tests may not import src/testing). */
function failureOf(action: () => unknown): { code: ErrorCode; field: string | undefined } {
  try {
    action();
  } catch (error) {
    if (error instanceof AkmError) return { code: error.code, field: error.details.field };
    throw error;
  }
  throw new Error('expected an AkmError, but nothing was thrown');
}

const EMOJI = '\u{1F600}';
const CJK = '张';

describe('validateUserName', () => {
  it.each([
    ['one character', 'a'],
    ['64 characters', 'a'.repeat(64)],
    ['every allowed character class', 'Alice.Smith@corp-01_x'],
    ['only punctuation', '.@-_'],
    ['digits only', '0123456789'],
    ["IAM's extra characters + = ,", 'a+b=c,d'],
  ])('accepts %s and returns the value', (_, value) => {
    expect(validateUserName(value)).toBe(value);
  });

  it.each([
    ['empty', ''],
    ['65 characters', 'a'.repeat(65)],
    ['65 invalid characters (length is checked first)', ' '.repeat(65)],
  ])('rejects %s as INVALID_LENGTH', (_, value) => {
    expect(failureOf(() => validateUserName(value))).toEqual({ code: 'INVALID_LENGTH', field: 'userName' });
  });

  it.each([
    ['a space', 'alice smith'],
    ['a slash', 'alice/smith'],
    ['a colon', 'alice:1'],
    ['an accented letter', 'jos\u00e9'],
    ['a CJK character', CJK],
    ['an emoji', `alice${EMOJI}`],
    ['a trailing newline', 'alice\n'],
    ['a NUL', 'alice\u0000'],
    ['a full-width digit', 'alice\uff11'],
  ])('rejects %s as INVALID_CHARS', (_, value) => {
    expect(failureOf(() => validateUserName(value))).toEqual({ code: 'INVALID_CHARS', field: 'userName' });
  });

  it('names the field it was given (e.g. newUserName)', () => {
    expect(failureOf(() => validateUserName('', 'newUserName'))).toEqual({
      code: 'INVALID_LENGTH',
      field: 'newUserName',
    });
    expect(failureOf(() => validateUserName('a b', 'newUserName'))).toEqual({
      code: 'INVALID_CHARS',
      field: 'newUserName',
    });
  });
});

describe('validateDisplayName', () => {
  it.each([
    ['one character', 'A'],
    ['spaces and punctuation', 'Alice Smith (dev) *!\'~"<>&'],
    ['CJK', '张三'],
    ['128 ASCII characters', 'a'.repeat(128)],
    ['128 CJK characters', CJK.repeat(128)],
    ['128 astral characters (256 UTF-16 units, counted as code points)', EMOJI.repeat(128)],
    ['a no-break space (U+00A0, just above C1)', 'a\u00a0b'],
    ['a valid surrogate pair', `x${EMOJI}y`],
    ['U+FFFD', '\ufffd'],
  ])('accepts %s', (_, value) => {
    expect(validateDisplayName(value)).toBe(value);
  });

  it.each([
    ['empty', ''],
    ['129 ASCII characters', 'a'.repeat(129)],
    ['129 astral characters', EMOJI.repeat(129)],
  ])('rejects %s as INVALID_LENGTH', (_, value) => {
    expect(failureOf(() => validateDisplayName(value))).toEqual({
      code: 'INVALID_LENGTH',
      field: 'displayName',
    });
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a tab', 'a\tb'],
    ['a line feed', 'a\nb'],
    ['a carriage return', 'a\rb'],
    ['U+001F', 'a\u001fb'],
    ['DEL (U+007F)', 'a\u007fb'],
    ['C1 U+0080', 'a\u0080b'],
    ['C1 U+009F', 'a\u009fb'],
    ['a lone high surrogate at the end', 'abc\ud83d'],
    ['a lone high surrogate followed by a letter', 'a\ud83db'],
    ['two high surrogates', 'a\ud83d\ud83db'],
    ['a lone low surrogate', 'a\ude00b'],
    ['a reversed pair', 'a\ude00\ud83db'],
    ['only a lone surrogate', '\ud800'],
  ])('rejects %s as INVALID_CHARS', (_, value) => {
    expect(failureOf(() => validateDisplayName(value))).toEqual({
      code: 'INVALID_CHARS',
      field: 'displayName',
    });
  });

  it('names the field it was given', () => {
    expect(failureOf(() => validateDisplayName('', 'newDisplayName')).field).toBe('newDisplayName');
  });
});

describe('validateComments', () => {
  it.each([
    ['empty (clears the comments)', ''],
    ['128 characters', 'c'.repeat(128)],
    ['128 astral characters', EMOJI.repeat(128)],
    ['text with spaces and CJK', 'for the 张三 team'],
  ])('accepts %s', (_, value) => {
    expect(validateComments(value)).toBe(value);
  });

  it('rejects 129 characters as INVALID_LENGTH', () => {
    expect(failureOf(() => validateComments('c'.repeat(129)))).toEqual({
      code: 'INVALID_LENGTH',
      field: 'comments',
    });
  });

  it.each([
    ['a line feed', 'line1\nline2'],
    ['NUL', '\u0000'],
    ['C1 U+0085', 'a\u0085'],
    ['a lone surrogate', 'a\udfff'],
  ])('rejects %s as INVALID_CHARS', (_, value) => {
    expect(failureOf(() => validateComments(value))).toEqual({ code: 'INVALID_CHARS', field: 'comments' });
  });

  it('names the field it was given', () => {
    expect(failureOf(() => validateComments('x'.repeat(129), 'newComments')).field).toBe('newComments');
  });
});

describe('validateMobilePhone', () => {
  it.each([
    ['the documented example', '86-18600008888'],
    ['a 1-digit country code and 1-digit number', '1-2'],
    ['a 4-digit country code', '1234-5678'],
    ['a 20-digit number', `86-${'9'.repeat(20)}`],
  ])('accepts %s', (_, value) => {
    expect(validateMobilePhone(value)).toBe(value);
  });

  it.each([
    ['empty', ''],
    ['no country code', '18600008888'],
    ['a plus sign', '+86-18600008888'],
    ['a 5-digit country code', '12345-18600008888'],
    ['a 21-digit number', `86-${'9'.repeat(21)}`],
    ['an empty number', '86-'],
    ['an empty country code', '-18600008888'],
    ['two dashes', '86-186-0000'],
    ['spaces', '86 18600008888'],
    ['a trailing newline', '86-18600008888\n'],
    ['letters', '86-1860000888x'],
    ['full-width digits', '\uff18\uff16-18600008888'],
  ])('rejects %s as INVALID_FORMAT', (_, value) => {
    expect(failureOf(() => validateMobilePhone(value))).toEqual({
      code: 'INVALID_FORMAT',
      field: 'mobilePhone',
    });
  });

  it('names the field it was given', () => {
    expect(failureOf(() => validateMobilePhone('x', 'newMobilePhone')).field).toBe('newMobilePhone');
  });
});

describe('validateEmail', () => {
  const longest = `${'a'.repeat(128 - '@example.com'.length)}@example.com`;

  it.each([
    ['a plain address', 'alice@example.com'],
    ['a short address', 'a@b.co'],
    ['a plus and sub-domains', 'alice+ram@mail.corp.example.cn'],
    ['128 characters', longest],
  ])('accepts %s', (_, value) => {
    expect(validateEmail(value)).toBe(value);
  });

  it.each([
    ['empty', ''],
    ['no @', 'alice.example.com'],
    ['no domain dot', 'alice@example'],
    ['an empty local part', '@example.com'],
    ['two @', 'alice@@example.com'],
    ['a space', 'alice smith@example.com'],
    ['a trailing dot only', 'alice@example.'],
    ['a trailing newline', 'alice@example.com\n'],
    ['129 characters', `a${longest}`],
  ])('rejects %s as INVALID_FORMAT', (_, value) => {
    expect(failureOf(() => validateEmail(value))).toEqual({ code: 'INVALID_FORMAT', field: 'email' });
  });

  it('names the field it was given', () => {
    expect(failureOf(() => validateEmail('x', 'newEmail')).field).toBe('newEmail');
  });
});

describe('validatePolicyName', () => {
  it.each([
    ['AdministratorAccess', 'AdministratorAccess'],
    ['a dash', 'My-Policy-1'],
    ['128 characters', 'p'.repeat(128)],
  ])('accepts %s', (_, value) => {
    expect(validatePolicyName(value)).toBe(value);
  });

  it.each([
    ['empty', ''],
    ['129 characters', 'p'.repeat(129)],
  ])('rejects %s as INVALID_LENGTH', (_, value) => {
    expect(failureOf(() => validatePolicyName(value))).toEqual({
      code: 'INVALID_LENGTH',
      field: 'policyName',
    });
  });

  it.each([
    ['an underscore', 'my_policy'],
    ['a dot', 'my.policy'],
    ['a space', 'my policy'],
    ['an @', 'my@policy'],
    ['a CJK character', `policy${CJK}`],
  ])('rejects %s as INVALID_CHARS', (_, value) => {
    expect(failureOf(() => validatePolicyName(value))).toEqual({
      code: 'INVALID_CHARS',
      field: 'policyName',
    });
  });
});

describe('validatePath', () => {
  it.each(['/', '/division/', '/a/b-c_d/'])('accepts %s', (value) => {
    expect(validatePath(value)).toBe(value);
  });

  it.each(['', 'a/', '/a', '/a b/', '/x'])('rejects %j', (value) => {
    expect(failureOf(() => validatePath(value)).field).toBe('path');
  });

  it('rejects 513 characters as INVALID_LENGTH', () => {
    expect(failureOf(() => validatePath(`/${'a'.repeat(511)}/`)).code).toBe('INVALID_LENGTH');
  });
});
