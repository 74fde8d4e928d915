// RAM's wire form of every domain error: statuses, codes and messages, as ram-rpc.md §1–2 documents them.

import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../domain/errors.js';
import { RAM_ERROR_TABLE, type RamWireError } from './ram-error-table.js';

describe('RAM_ERROR_TABLE', () => {
  it('has exactly one entry per domain error code', () => {
    expect(Object.keys(RAM_ERROR_TABLE).sort()).toEqual([...ERROR_CODES].sort());
  });

  describe.each(ERROR_CODES.map((code) => [code]))('%s', (code) => {
    it.each([
      ['no details', {}],
      ['a field', { field: 'userName' }],
      ['a detail', { detail: 'GET&%2F&x' }],
    ])('maps to a 4xx/5xx status and a non-empty code and message with %s', (_, details) => {
      const wire = RAM_ERROR_TABLE[code](details);
      expect(wire.status).toBeGreaterThanOrEqual(400);
      expect(wire.status).toBeLessThanOrEqual(599);
      expect(wire.code).toMatch(/^[A-Z][A-Za-z0-9.]*$/);
      expect(wire.message.trim().length).toBeGreaterThan(0);
    });
  });

  it('gives every code a distinct wire code', () => {
    const codes = ERROR_CODES.map((code) => RAM_ERROR_TABLE[code]({}).code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('produces a code the SDK reads as throttling only for THROTTLED, with its retry delay in ms', () => {
    for (const code of ERROR_CODES.filter((c) => c !== 'THROTTLED'))
      expect(RAM_ERROR_TABLE[code]({ field: 'x' }).code).not.toContain('Throttling');
    expect(RAM_ERROR_TABLE.THROTTLED({ retryAfterMs: 1500 })).toEqual({
      code: 'Throttling.User',
      status: 400,
      message: 'Request was denied due to user flow control.',
      headers: { 'x-acs-retry-after': '1500' },
    });
  });

  describe('templates for parameter errors', () => {
    const cases: ReadonlyArray<readonly [ErrorCode, string, RamWireError]> = [
      [
        'MISSING_PARAMETER',
        'userName',
        { code: 'MissingUserName', status: 400, message: 'UserName is mandatory for this action.' },
      ],
      [
        'MISSING_PARAMETER',
        'accessKeyId',
        {
          code: 'MissingUserAccessKeyId',
          status: 400,
          message: 'UserAccessKeyId is mandatory for this action.',
        },
      ],
      [
        'MISSING_PARAMETER',
        'AccessKeyId',
        { code: 'MissingAccessKeyId', status: 400, message: 'AccessKeyId is mandatory for this action.' },
      ],
      [
        'INVALID_CHARS',
        'userName',
        {
          code: 'InvalidParameter.UserName.InvalidChars',
          status: 400,
          message: 'The parameter - "UserName" contains invalid chars.',
        },
      ],
      [
        'INVALID_CHARS',
        'newDisplayName',
        {
          code: 'InvalidParameter.NewDisplayName.InvalidChars',
          status: 400,
          message: 'The parameter - "NewDisplayName" contains invalid chars.',
        },
      ],
      [
        'INVALID_LENGTH',
        'userName',
        {
          code: 'InvalidParameter.UserName.Length',
          status: 400,
          message: 'The parameter - "UserName" beyond the length limit.',
        },
      ],
      [
        'INVALID_LENGTH',
        'comments',
        {
          code: 'InvalidParameter.Comments.Length',
          status: 400,
          message: 'The parameter - "Comments" beyond the length limit.',
        },
      ],
      [
        'INVALID_FORMAT',
        'mobilePhone',
        {
          code: 'InvalidParameter.MobilePhone.Format',
          status: 400,
          message: 'The format of the parameter - "MobilePhone" is incorrect.',
        },
      ],
      [
        'INVALID_FORMAT',
        'newEmail',
        {
          code: 'InvalidParameter.NewEmail.Format',
          status: 400,
          message: 'The format of the parameter - "NewEmail" is incorrect.',
        },
      ],
      [
        'INVALID_VALUE',
        'maxItems',
        {
          code: 'InvalidParameter.MaxItems',
          status: 400,
          message: 'The parameter - "MaxItems" is incorrect.',
        },
      ],
      [
        'INVALID_VALUE',
        'enableSaveMfaTicket',
        {
          code: 'InvalidParameter.EnableSaveMFATicket',
          status: 400,
          message: 'The parameter - "EnableSaveMFATicket" is incorrect.',
        },
      ],
    ];

    it.each(cases)('%s for %s', (code, field, expected) => {
      expect(RAM_ERROR_TABLE[code]({ field })).toEqual(expected);
    });

    it('falls back to the generic MissingParameter without a field', () => {
      expect(RAM_ERROR_TABLE.MISSING_PARAMETER({}).code).toBe('MissingParameter');
    });
  });

  describe('signature errors carry the detail in the message', () => {
    it('SignatureDoesNotMatch echoes the server string to sign as RAM does', () => {
      expect(RAM_ERROR_TABLE.SIGNATURE_MISMATCH({ detail: 'GET&%2F&A%3DB' })).toEqual({
        code: 'SignatureDoesNotMatch',
        status: 400,
        message:
          'Specified signature is not matched with our calculation. server string to sign is:GET&%2F&A%3DB',
      });
      expect(RAM_ERROR_TABLE.SIGNATURE_MISMATCH({}).message).toBe(
        'Specified signature is not matched with our calculation.',
      );
    });

    it('IncompleteSignature appends the detail', () => {
      expect(RAM_ERROR_TABLE.INCOMPLETE_SIGNATURE({ detail: 'missing signed headers: host' })).toEqual({
        code: 'IncompleteSignature',
        status: 400,
        message: 'The request signature does not conform to Aliyun standards. missing signed headers: host',
      });
      expect(RAM_ERROR_TABLE.INCOMPLETE_SIGNATURE({}).message).toBe(
        'The request signature does not conform to Aliyun standards.',
      );
    });
  });

  describe('fixed entries as RAM documents them', () => {
    const documented: ReadonlyArray<readonly [ErrorCode, string, number, string]> = [
      ['ACCESS_KEY_NOT_FOUND', 'InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.'],
      ['ACCESS_KEY_INACTIVE', 'InvalidAccessKeyId.Inactive', 400, 'Specified access key is disabled.'],
      [
        'TIMESTAMP_EXPIRED',
        'InvalidTimeStamp.Expired',
        400,
        'Specified time stamp or date value is expired.',
      ],
      ['NONCE_USED', 'SignatureNonceUsed', 400, 'Specified signature nonce was used already.'],
      ['INVALID_VERSION', 'InvalidVersion', 400, 'Specified parameter Version is not valid.'],
      [
        'UNKNOWN_ACTION',
        'InvalidAction.NotFound',
        404,
        'Specified api is not found, please check your url and method.',
      ],
      ['NO_PERMISSION', 'NoPermission', 403, 'You are not authorized to do this action.'],
      ['USER_NOT_FOUND', 'EntityNotExist.User', 404, 'The user does not exist.'],
      ['USER_ALREADY_EXISTS', 'EntityAlreadyExists.User', 409, 'The user does already EXIST.'],
      ['USER_LIMIT_EXCEEDED', 'LimitExceeded.User', 409, 'The count of users beyond the current limits.'],
      [
        'USER_HAS_ACCESS_KEYS',
        'DeleteConflict.User.AccessKey',
        409,
        'The user CAN NOT has any access key while deleting the user.',
      ],
      [
        'ACCESS_KEY_OF_USER_NOT_FOUND',
        'EntityNotExist.User.AccessKey',
        404,
        'The user access key does not exist.',
      ],
      [
        'ACCESS_KEY_LIMIT_EXCEEDED',
        'LimitExceeded.User.AccessKey',
        409,
        'The access key count of the user access keys beyond the current limits.',
      ],
      ['INTERNAL', 'InternalError', 500, 'An internal error occurred.'],
      [
        'SERVICE_UNAVAILABLE',
        'ServiceUnavailable',
        503,
        'The request has failed due to a temporary failure of the server.',
      ],
    ];

    it.each(documented)('%s → %s (%i)', (code, wireCode, status, message) => {
      expect(RAM_ERROR_TABLE[code]({})).toEqual({ code: wireCode, status, message });
    });

    it.each([
      ['USER_HAS_POLICIES', 'DeleteConflict.User.Policy', 409],
      ['POLICY_NOT_FOUND', 'EntityNotExist.Policy', 404],
      ['POLICY_ALREADY_ATTACHED', 'EntityAlreadyExists.User.Policy', 409],
      ['POLICY_NOT_ATTACHED', 'EntityNotExist.User.Policy', 404],
      ['REQUEST_TOO_LARGE', 'RequestEntityTooLarge', 413],
      ['TIMESTAMP_FORMAT', 'InvalidTimeStamp.Format', 400],
      ['UNSUPPORTED_SIGNATURE_METHOD', 'InvalidSignatureMethod', 400],
      ['ACCOUNT_NOT_FOUND', 'EntityNotExist.Account', 404],
    ] as const)('%s → %s (%i)', (code, wireCode, status) => {
      expect(RAM_ERROR_TABLE[code]({})).toMatchObject({ code: wireCode, status });
    });

    it('ignores details for fixed entries, so server faults are never echoed', () => {
      const details = { field: 'userName', detail: 'at Store.get (/srv/akm/secret.ts:1)', entity: 'alice' };
      for (const code of ['INTERNAL', 'SERVICE_UNAVAILABLE', 'USER_NOT_FOUND', 'NO_PERMISSION'] as const) {
        expect(RAM_ERROR_TABLE[code](details)).toEqual(RAM_ERROR_TABLE[code]({}));
      }
    });
  });
});
