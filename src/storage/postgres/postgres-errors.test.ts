/** Which driver errors mean "database unavailable" (503) and which pass through unchanged; no database needed. */
import { describe, expect, it } from 'vitest';
import { AkmError, isAkmError } from '../../domain/errors.js';
import { isDatabaseUnavailable, isUniqueViolation, toStoreError } from './postgres-errors.js';
import { parseBigint } from './postgres-rows.js';

/** An error shaped like the driver's: a message plus a SQLSTATE or errno code. */
function driverError(message: string, code?: string, extra: Record<string, string> = {}): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code }, extra);
}

const UNAVAILABLE: readonly [string, unknown][] = [
  ['connection refused', driverError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED')],
  ['connection reset', driverError('read ECONNRESET', 'ECONNRESET')],
  [
    'dual-stack refusal',
    new AggregateError([driverError('a', 'ECONNREFUSED'), driverError('b', 'ECONNREFUSED')]),
  ],
  ['admin shutdown', driverError('terminating connection due to administrator command', '57P01')],
  ['crash shutdown', driverError('terminating connection due to crash', '57P02')],
  ['cannot connect now', driverError('the database system is starting up', '57P03')],
  ['connection exception class', driverError('connection failure', '08006')],
  ['too many connections', driverError('sorry, too many clients already', '53300')],
  ['statement timeout', driverError('canceling statement due to statement timeout', '57014')],
  ['link ended mid-query', driverError('Connection terminated unexpectedly')],
  ['connect timeout', driverError('Connection terminated due to connection timeout')],
  ['pool wait timeout', driverError('timeout exceeded when trying to connect')],
  ['client-side query timeout', driverError('Query read timeout')],
  ['broken client', driverError('Client has encountered a connection error and is not queryable')],
  ['pool shut down', driverError('Cannot use a pool after calling end on the pool')],
];

const NOT_UNAVAILABLE: readonly [string, unknown][] = [
  ['unique violation', driverError('duplicate key value violates unique constraint', '23505')],
  ['syntax error', driverError('syntax error at or near "SELEC"', '42601')],
  ['undefined table', driverError('relation "users" does not exist', '42P01')],
  ['plain bug', new TypeError('x is not a function')],
  ['not an error', 'boom'],
];

describe('isDatabaseUnavailable', () => {
  it.each(UNAVAILABLE)('is true for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each(NOT_UNAVAILABLE)('is false for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('toStoreError', () => {
  it('turns an unavailable database into SERVICE_UNAVAILABLE, keeping the driver error as cause', () => {
    const cause = driverError('read ECONNRESET', 'ECONNRESET');
    const mapped = toStoreError(cause);
    expect(isAkmError(mapped, 'SERVICE_UNAVAILABLE')).toBe(true);
    expect(mapped instanceof Error && mapped.cause).toBe(cause);
  });

  it('passes domain errors and unexpected errors through unchanged', () => {
    const domain = new AkmError('USER_NOT_FOUND');
    const bug = driverError('syntax error', '42601');
    expect(toStoreError(domain)).toBe(domain);
    expect(toStoreError(bug)).toBe(bug);
  });
});

describe('isUniqueViolation', () => {
  it('matches SQLSTATE 23505, optionally by constraint name', () => {
    const error = driverError('duplicate', '23505', { constraint: 'users_account_id_user_name_key_key' });
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, 'user_name_key')).toBe(true);
    expect(isUniqueViolation(error, 'user_policies_pkey')).toBe(false);
    expect(isUniqueViolation(driverError('fk', '23503'))).toBe(false);
  });
});

describe('parseBigint', () => {
  it('parses safe integers and refuses to round larger ones', () => {
    expect(parseBigint('1704067200000')).toBe(1704067200000);
    expect(parseBigint('0')).toBe(0);
    expect(() => parseBigint('9007199254740993')).toThrow(RangeError);
  });
});
