// Authorisation rules, table-driven over principal kinds × permission × self-service × target × preference.

import { describe, expect, it, vi } from 'vitest';
import { isAuthorized, type Permission } from './authorization.js';
import type { Principal } from './principal.js';

const ROOT: Principal = {
  accountId: '1000000000000001',
  kind: 'root',
  userId: null,
  userName: null,
  path: '/',
  accessKeyId: 'LTAIroot0000000000000000',
  policies: [],
};

function user(policies: readonly string[]): Principal {
  return {
    accountId: '1000000000000001',
    kind: 'user',
    userId: '2000000000000001',
    userName: 'alice',
    path: '/',
    accessKeyId: 'LTAIalice000000000000000',
    policies,
  };
}

/** What a principal's policies grant, independently of the request. */
type Grant = 'all' | 'read' | 'none';

const PRINCIPALS: ReadonlyArray<readonly [string, Principal, Grant]> = [
  ['root', ROOT, 'all'],
  ['root (policies are irrelevant)', { ...ROOT, policies: ['AliyunRAMReadOnlyAccess'] }, 'all'],
  ['user with AdministratorAccess', user(['AdministratorAccess']), 'all'],
  ['user with AliyunRAMFullAccess', user(['AliyunRAMFullAccess']), 'all'],
  ['user with read-only then full access', user(['AliyunRAMReadOnlyAccess', 'AliyunRAMFullAccess']), 'all'],
  ['user with AliyunRAMReadOnlyAccess', user(['AliyunRAMReadOnlyAccess']), 'read'],
  ['user with no policy', user([]), 'none'],
  ['user with an unknown policy', user(['AliyunECSFullAccess']), 'none'],
  ['user with a wrongly-cased policy name', user(['administratoraccess']), 'none'],
];

const LEVELS = ['read', 'write'] as const;
const BOOLEANS = [false, true] as const;

interface Case {
  readonly label: string;
  readonly principal: Principal;
  readonly permission: Permission;
  readonly targetsSelf: boolean;
  readonly preference: boolean;
  readonly allowed: boolean;
  readonly consultsPreference: boolean;
}

/** The expected outcome, stated as the rules in authorization.ts's header describe them. */
function expectedOutcome(
  grant: Grant,
  permission: Permission,
  targetsSelf: boolean,
  preference: boolean,
): Pick<Case, 'allowed' | 'consultsPreference'> {
  if (grant === 'all') return { allowed: true, consultsPreference: false };
  if (grant === 'read' && permission.level === 'read') return { allowed: true, consultsPreference: false };
  if (permission.selfServiceKeys && targetsSelf) return { allowed: preference, consultsPreference: true };
  return { allowed: false, consultsPreference: false };
}

const CASES: Case[] = PRINCIPALS.flatMap(([name, principal, grant]) =>
  LEVELS.flatMap((level) =>
    BOOLEANS.flatMap((selfServiceKeys) =>
      BOOLEANS.flatMap((targetsSelf) =>
        BOOLEANS.map((preference) => ({
          label: `${name}, ${level}, selfService=${selfServiceKeys}, targetsSelf=${targetsSelf}, allowUserToManageAccessKeys=${preference}`,
          principal,
          permission: { level, selfServiceKeys },
          targetsSelf,
          preference,
          ...expectedOutcome(grant, { level, selfServiceKeys }, targetsSelf, preference),
        })),
      ),
    ),
  ),
);

describe('isAuthorized', () => {
  it('covers every combination', () => {
    expect(CASES).toHaveLength(PRINCIPALS.length * 2 * 2 * 2 * 2);
  });

  it.each(CASES)('$label → allowed=$allowed', async (c) => {
    const preference = vi.fn(async () => c.preference);
    const allowed = await isAuthorized(c.principal, c.permission, {
      targetsSelf: c.targetsSelf,
      allowUserToManageAccessKeys: preference,
    });
    expect(allowed).toBe(c.allowed);
    expect(preference).toHaveBeenCalledTimes(c.consultsPreference ? 1 : 0);
  });

  it('spells out the key rules explicitly', async () => {
    const never = vi.fn(async () => true);
    const self = { targetsSelf: true, allowUserToManageAccessKeys: never };
    const write = { level: 'write', selfServiceKeys: false } as const;
    const read = { level: 'read', selfServiceKeys: false } as const;
    const selfServiceWrite = { level: 'write', selfServiceKeys: true } as const;

    expect(await isAuthorized(ROOT, write, self)).toBe(true);
    expect(await isAuthorized(user(['AliyunRAMReadOnlyAccess']), read, self)).toBe(true);
    expect(await isAuthorized(user(['AliyunRAMReadOnlyAccess']), write, self)).toBe(false);
    expect(await isAuthorized(user([]), read, self)).toBe(false);
    expect(never).not.toHaveBeenCalled();

    const allow = vi.fn(async () => true);
    const deny = vi.fn(async () => false);
    expect(
      await isAuthorized(user([]), selfServiceWrite, {
        targetsSelf: true,
        allowUserToManageAccessKeys: allow,
      }),
    ).toBe(true);
    expect(
      await isAuthorized(user([]), selfServiceWrite, {
        targetsSelf: true,
        allowUserToManageAccessKeys: deny,
      }),
    ).toBe(false);
    expect(
      await isAuthorized(user([]), selfServiceWrite, {
        targetsSelf: false,
        allowUserToManageAccessKeys: allow,
      }),
    ).toBe(false);
    expect(allow).toHaveBeenCalledTimes(1);
    expect(deny).toHaveBeenCalledTimes(1);
  });

  it.each(PRINCIPALS)(
    'lets %s perform identity operations without consulting the preference',
    async (_, principal) => {
      const preference = vi.fn(async () => false);
      const context = { targetsSelf: true, allowUserToManageAccessKeys: preference };
      expect(await isAuthorized(principal, { level: 'identity', selfServiceKeys: false }, context)).toBe(
        true,
      );
      expect(preference).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['root', ROOT, true],
    ['a user with AkmVerifyAccess', user(['AkmVerifyAccess']), true],
    ['a user with AkmVerifyAccess among others', user(['AliyunRAMReadOnlyAccess', 'AkmVerifyAccess']), true],
    ['a user with AdministratorAccess only', user(['AdministratorAccess']), false],
    ['a user with AliyunRAMFullAccess only', user(['AliyunRAMFullAccess']), false],
    ['a user with no policy', user([]), false],
  ])('lets %s verify requests: %s', async (_, principal, allowed) => {
    const preference = vi.fn(async () => true);
    const context = { targetsSelf: true, allowUserToManageAccessKeys: preference };
    expect(await isAuthorized(principal, { level: 'verify', selfServiceKeys: false }, context)).toBe(allowed);
    expect(preference).not.toHaveBeenCalled();
  });

  it('grants AkmVerifyAccess nothing but verification', async () => {
    const context = { targetsSelf: true, allowUserToManageAccessKeys: async () => false };
    const verifier = user(['AkmVerifyAccess']);
    for (const level of ['read', 'write'] as const) {
      expect(await isAuthorized(verifier, { level, selfServiceKeys: false }, context)).toBe(false);
    }
  });

  it('propagates a failure of the preference lookup when it is consulted', async () => {
    const failing = vi.fn(async (): Promise<boolean> => {
      throw new Error('store down');
    });
    await expect(
      isAuthorized(
        user([]),
        { level: 'write', selfServiceKeys: true },
        { targetsSelf: true, allowUserToManageAccessKeys: failing },
      ),
    ).rejects.toThrow('store down');
  });
});
