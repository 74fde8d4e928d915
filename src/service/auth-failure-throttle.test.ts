// The failed-authentication throttle: which failures it charges to keys and sources, when it answers
// THROTTLED, and that its tables stay bounded.
import { describe, expect, it } from 'vitest';
import { AkmError, type ErrorCode, isAkmError } from '../domain/errors.js';
import { AuthFailureThrottle, sourceKeyOf } from './auth-failure-throttle.js';

const NOW = new Date(Date.UTC(2024, 0, 1));
const BUDGETS = { windowMs: 60_000, perKey: 3, perSource: 5, maxTracked: 50 };

/** The code the throttle answers for `count` failures of `code`; the last one's code is returned. */
function fail(
  throttle: AuthFailureThrottle,
  code: ErrorCode,
  count: number,
  accessKeyId = 'LTAIkey',
  sourceAddress = '192.0.2.1',
): string[] {
  const answers: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const answer = throttle.judge(new AkmError(code), { accessKeyId, sourceAddress }, NOW);
    answers.push(isAkmError(answer) ? answer.code : String(answer));
  }
  return answers;
}

describe('AuthFailureThrottle', () => {
  it('answers a known key THROTTLED after its budget, with a retry delay and the failure as cause', () => {
    const throttle = new AuthFailureThrottle(BUDGETS);
    expect(fail(throttle, 'SIGNATURE_MISMATCH', 4)).toEqual([
      'SIGNATURE_MISMATCH',
      'SIGNATURE_MISMATCH',
      'SIGNATURE_MISMATCH',
      'THROTTLED',
    ]);
    const answer = throttle.judge(
      new AkmError('TIMESTAMP_EXPIRED'),
      { accessKeyId: 'LTAIkey', sourceAddress: '198.51.100.7' },
      NOW,
    );
    expect(answer).toMatchObject({ code: 'THROTTLED', details: { retryAfterMs: expect.any(Number) } });
    expect(isAkmError(answer) && isAkmError(answer.cause, 'TIMESTAMP_EXPIRED')).toBe(true);
  });

  it('charges unknown keys to the source only: another key from that source is unaffected until the source is spent', () => {
    const throttle = new AuthFailureThrottle(BUDGETS);
    const unknown = ['ACCESS_KEY_NOT_FOUND', 'ACCESS_KEY_NOT_FOUND'];
    expect(fail(throttle, 'ACCESS_KEY_NOT_FOUND', 2, 'LTAIrandom1')).toEqual(unknown);
    expect(throttle.tracked).toEqual({ keys: 0, sources: 1 });
    expect(fail(throttle, 'SIGNATURE_MISMATCH', 3, 'LTAIother')).toEqual([
      'SIGNATURE_MISMATCH',
      'SIGNATURE_MISMATCH',
      'SIGNATURE_MISMATCH',
    ]);
    // Five failures from the source: the sixth, whatever its key, is throttled; other sources are not.
    expect(fail(throttle, 'ACCESS_KEY_NOT_FOUND', 1, 'LTAIrandom2')).toEqual(['THROTTLED']);
    expect(fail(throttle, 'ACCESS_KEY_NOT_FOUND', 1, 'LTAIrandom3', '203.0.113.9')).toEqual([
      'ACCESS_KEY_NOT_FOUND',
    ]);
  });

  it('passes through errors that are not authentication failures, uncharged', () => {
    const throttle = new AuthFailureThrottle(BUDGETS);
    const other = new Error('boom');
    for (let i = 0; i < 10; i += 1)
      expect(throttle.judge(other, { accessKeyId: 'k', sourceAddress: 'a' }, NOW)).toBe(other);
    expect(fail(throttle, 'NO_PERMISSION', 10)).toEqual(Array(10).fill('NO_PERMISSION'));
    expect(throttle.tracked).toEqual({ keys: 0, sources: 0 });
  });

  it('keeps each table within maxTracked under a flood of random keys from many sources', () => {
    const throttle = new AuthFailureThrottle(BUDGETS);
    for (let i = 0; i < 5000; i += 1) {
      fail(
        throttle,
        i % 2 ? 'ACCESS_KEY_NOT_FOUND' : 'SIGNATURE_MISMATCH',
        1,
        `LTAI${i}`,
        `10.0.${i >> 8}.${i & 255}`,
      );
    }
    expect(throttle.tracked).toEqual({ keys: 50, sources: 50 });
  });
});

describe('sourceKeyOf', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:0001:0002::9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s is tracked as %s', (address, key) => {
    expect(sourceKeyOf(address)).toBe(key);
  });
});
