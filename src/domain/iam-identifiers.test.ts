// The derived IAM identifiers: deterministic, bijective where promised, shaped as AWS shapes them.
import { describe, expect, it } from 'vitest';
import {
  awsAccountIdOf,
  iamUserIdOf,
  principalArnOf,
  rootArnOf,
  userArnOf,
  userIdOfIamUserId,
} from './iam-identifiers.js';

describe('awsAccountIdOf', () => {
  it('takes the last 12 digits', () => {
    expect(awsAccountIdOf('1234567890123456')).toBe('567890123456');
    expect(awsAccountIdOf('1000000000000001')).toBe('000000000001');
  });
});

describe('iamUserIdOf', () => {
  const ids = ['1000000000000000', '1000000000000001', '2000000000000042', '9999999999999999'];

  it.each(ids)('maps %s to AIDA + 17 base32 characters and back', (userId) => {
    const iamUserId = iamUserIdOf(userId);
    expect(iamUserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(userIdOfIamUserId(iamUserId)).toBe(userId);
  });

  it('gives neighbouring ids unrelated-looking UserIds', () => {
    const [a, b] = [iamUserIdOf(ids[0] ?? ''), iamUserIdOf(ids[1] ?? '')];
    expect(a).not.toBe(b);
    expect(a.slice(0, 10)).not.toBe(b.slice(0, 10));
  });

  it.each(['AROAAAAAAAAAAAAAAAAAA', 'AIDA1', 'AIDAaaaaaaaaaaaaaaaaa', 'AIDAAAAAAAAAAAAAAAAAA'])(
    'does not decode %s',
    (value) => {
      expect(userIdOfIamUserId(value)).toBeUndefined();
    },
  );
});

describe('ARNs', () => {
  it('puts the path between user and name', () => {
    expect(userArnOf('1234567890123456', '/', 'alice')).toBe('arn:aws:iam::567890123456:user/alice');
    expect(userArnOf('1234567890123456', '/div/', 'bob')).toBe('arn:aws:iam::567890123456:user/div/bob');
    expect(rootArnOf('1234567890123456')).toBe('arn:aws:iam::567890123456:root');
  });

  it('describes a principal', () => {
    const root = { accountId: '1234567890123456', kind: 'root', path: '/', userName: null } as const;
    expect(principalArnOf(root)).toBe('arn:aws:iam::567890123456:root');
    expect(principalArnOf({ ...root, kind: 'user', path: '/x/', userName: 'u' })).toBe(
      'arn:aws:iam::567890123456:user/x/u',
    );
  });
});
