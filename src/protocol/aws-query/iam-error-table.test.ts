// The IAM error table: one entry per domain code, the facts file's statuses and AWS's exact wording.
import { describe, expect, it } from 'vitest';
import { length, oneOf, pattern, range } from '../../domain/constraints.js';
import { ERROR_CODES } from '../../domain/errors.js';
import { describeConstraint, IAM_ERROR_TABLE } from './iam-error-table.js';

const CONTEXT = { action: 'ListUsers', version: '2010-05-08' };

describe('IAM_ERROR_TABLE', () => {
  it.each(ERROR_CODES.map((c) => [c]))(
    'maps %s to a code, a 4xx/5xx status, a type and a message',
    (code) => {
      const wire = IAM_ERROR_TABLE[code]({}, CONTEXT);
      expect(wire.code).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(wire.status).toBeGreaterThanOrEqual(400);
      expect(wire.type).toBe(wire.status >= 500 ? 'Receiver' : 'Sender');
      expect(wire.message.length).toBeGreaterThan(0);
    },
  );

  it.each([
    ['USER_NOT_FOUND', 'NoSuchEntity', 404],
    ['ACCESS_KEY_OF_USER_NOT_FOUND', 'NoSuchEntity', 404],
    ['ACCESS_KEY_LIMIT_EXCEEDED', 'LimitExceeded', 409],
    ['USER_ALREADY_EXISTS', 'EntityAlreadyExists', 409],
    ['USER_HAS_ACCESS_KEYS', 'DeleteConflict', 409],
    ['USER_HAS_POLICIES', 'DeleteConflict', 409],
    ['NO_PERMISSION', 'AccessDenied', 403],
    ['ACCESS_KEY_NOT_FOUND', 'InvalidClientTokenId', 403],
    ['ACCESS_KEY_INACTIVE', 'InvalidClientTokenId', 403],
    ['SIGNATURE_MISMATCH', 'SignatureDoesNotMatch', 403],
    ['TIMESTAMP_EXPIRED', 'SignatureDoesNotMatch', 403],
    ['MISSING_AUTHENTICATION', 'MissingAuthenticationToken', 403],
    ['UNKNOWN_ACTION', 'InvalidAction', 400],
    ['INTERNAL', 'ServiceFailure', 500],
  ] as const)('%s → %s %d', (code, wireCode, status) => {
    expect(IAM_ERROR_TABLE[code]({}, CONTEXT)).toMatchObject({ code: wireCode, status });
  });

  it('words entity errors as AWS does', () => {
    expect(IAM_ERROR_TABLE.USER_NOT_FOUND({ entity: 'bob' }, CONTEXT).message).toBe(
      'The user with name bob cannot be found.',
    );
    expect(IAM_ERROR_TABLE.ACCESS_KEY_OF_USER_NOT_FOUND({ entity: 'AKIAX' }, CONTEXT).message).toBe(
      'The Access Key with id AKIAX cannot be found.',
    );
    expect(IAM_ERROR_TABLE.USER_ALREADY_EXISTS({ entity: 'bob' }, CONTEXT).message).toBe(
      'User with name bob already exists.',
    );
    expect(IAM_ERROR_TABLE.ACCESS_KEY_LIMIT_EXCEEDED({}, CONTEXT).message).toBe(
      'Cannot exceed quota for AccessKeysPerUser: 2',
    );
  });

  it('words a broken constraint as a ValidationError, a refused value without one as InvalidInput', () => {
    const details = { field: 'status', value: 'Bogus', constraint: oneOf('Active', 'Inactive', 'Expired') };
    expect(IAM_ERROR_TABLE.INVALID_VALUE(details, CONTEXT)).toEqual({
      code: 'ValidationError',
      status: 400,
      type: 'Sender',
      message:
        "1 validation error detected: Value 'Bogus' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]",
    });
    expect(IAM_ERROR_TABLE.INVALID_VALUE({ field: 'status', value: 'Expired' }, CONTEXT)).toMatchObject({
      code: 'InvalidInput',
      status: 400,
    });
    expect(IAM_ERROR_TABLE.MISSING_PARAMETER({ field: 'userName' }, CONTEXT).message).toBe(
      "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    );
    expect(IAM_ERROR_TABLE.MISSING_PARAMETER({ field: 'action' }, CONTEXT).code).toBe('MissingAction');
  });

  it('describes each kind of constraint, naming the bound that was crossed', () => {
    expect(describeConstraint(length(1, 64), '')).toBe('Member must have length greater than or equal to 1');
    expect(describeConstraint(length(1, 64), 'a'.repeat(65))).toBe(
      'Member must have length less than or equal to 64',
    );
    expect(describeConstraint(pattern('[\\w]+'), '!')).toBe(
      'Member must satisfy regular expression pattern: [\\w]+',
    );
    expect(describeConstraint(range(1, 1000), '0')).toBe('Member must have value greater than or equal to 1');
    expect(describeConstraint(range(1, 1000), '1001')).toBe(
      'Member must have value less than or equal to 1000',
    );
  });

  it('says when a signature expired or is not yet current, with the 15-minute limit', () => {
    const serverTime = new Date('2022-01-27T01:59:28Z');
    const past = { requestTime: new Date('2022-01-27T00:14:27Z'), serverTime };
    expect(IAM_ERROR_TABLE.TIMESTAMP_EXPIRED(past, CONTEXT).message).toBe(
      'Signature expired: 20220127T001427Z is now earlier than 20220127T014428Z (20220127T015928Z - 15 min.)',
    );
    const future = { requestTime: new Date('2022-01-27T02:30:00Z'), serverTime };
    expect(IAM_ERROR_TABLE.TIMESTAMP_EXPIRED(future, CONTEXT).message).toBe(
      'Signature not yet current: 20220127T023000Z is still later than 20220127T021428Z (20220127T015928Z + 15 min.)',
    );
  });

  it('names the caller, the action and the resource in AccessDenied', () => {
    const context = { ...CONTEXT, principal: 'arn:aws:iam::123456789012:user/bob', resource: '*' };
    expect(IAM_ERROR_TABLE.NO_PERMISSION({}, context).message).toBe(
      'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListUsers on resource: *',
    );
  });
});
