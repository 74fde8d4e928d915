// Request authentication: RAM's check order, nonce handling, last-use recording and the principal built.

import { describe, expect, it, vi } from 'vitest';
import type { AccessKey, PolicyAttachment, User } from '../domain/entities.js';
import type { ErrorCode } from '../domain/errors.js';
import type { Clock, IdGenerator, NonceStore, SecretBox, Store } from '../domain/ports.js';
import { SILENT_LOGGER } from '../logging/json-logger.js';
import { catchAkmErrorAsync } from '../testing/catch-akm-error.js';
import { AuthFailureThrottle } from './auth-failure-throttle.js';
import { authenticateRequest, type SignatureClaim } from './authenticate-request.js';
import { LastUseTracker } from './last-use-tracker.js';
import type { ServiceDeps } from './service-deps.js';
import { VerificationThrottle } from './verify-request-signature.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const WINDOW_MS = 15 * 60 * 1000;
const ACCOUNT = '1000000000000001';
const SOURCE = '192.0.2.1';
/** Where the test requests come from. */
const ORIGIN = { sourceIp: SOURCE, userAgent: 'test-agent', action: 'ListUsers' } as const;

const ROOT_KEY: AccessKey = {
  accessKeyId: 'LTAIroot0000000000000001',
  accountId: ACCOUNT,
  userId: null,
  status: 'Active',
  createDate: new Date(NOW - 86_400_000),
  encryptedSecret: 'sealed(LTAIroot0000000000000001):root-secret',
  lastUsedDate: null,
};

const ALICE: User = {
  accountId: ACCOUNT,
  userId: '2000000000000001',
  userName: 'alice',
  path: '/team/',
  displayName: 'Alice',
  mobilePhone: '',
  email: '',
  comments: '',
  createDate: new Date(NOW - 86_400_000),
  updateDate: new Date(NOW - 86_400_000),
  lastLoginDate: null,
};

const ALICE_KEY: AccessKey = {
  ...ROOT_KEY,
  accessKeyId: 'LTAIalice000000000000001',
  userId: ALICE.userId,
  encryptedSecret: 'sealed(LTAIalice000000000000001):alice-secret',
};

const INACTIVE_KEY: AccessKey = {
  ...ALICE_KEY,
  accessKeyId: 'LTAIinactive000000000001',
  status: 'Inactive',
  encryptedSecret: 'sealed(LTAIinactive000000000001):inactive-secret',
};

const ORPHAN_KEY: AccessKey = {
  ...ALICE_KEY,
  accessKeyId: 'LTAIorphan00000000000001',
  userId: '2000000000000999',
  encryptedSecret: 'sealed(LTAIorphan00000000000001):orphan-secret',
};

const ALICE_POLICIES: PolicyAttachment[] = [
  { policyName: 'AliyunRAMReadOnlyAccess', policyType: 'System', attachDate: new Date(NOW) },
  { policyName: 'AdministratorAccess', policyType: 'System', attachDate: new Date(NOW) },
];

/** The store methods authentication uses, over fixed rows. */
type AuthStore = Pick<Store, 'getAccessKey' | 'getUserById' | 'listPolicies'>;

function fakeStore(): AuthStore {
  const keys = new Map([ROOT_KEY, ALICE_KEY, INACTIVE_KEY, ORPHAN_KEY].map((k) => [k.accessKeyId, k]));
  return {
    getAccessKey: vi.fn(async (id: string) => keys.get(id)),
    getUserById: vi.fn(async (accountId: string, userId: string) =>
      accountId === ALICE.accountId && userId === ALICE.userId ? ALICE : undefined,
    ),
    listPolicies: vi.fn(async (_accountId: string, userId: string) =>
      userId === ALICE.userId ? ALICE_POLICIES : [],
    ),
  };
}

/** Opens only values sealed for the same AccessKeyId, like the real box. */
const FAKE_BOX: SecretBox = {
  refresh: () => false,
  seal: (secret, id) => `sealed(${id}):${secret}`,
  open: (sealed, id) => {
    const prefix = `sealed(${id}):`;
    if (!sealed.startsWith(prefix)) throw new Error('cannot open');
    return sealed.slice(prefix.length);
  },
};

class FakeNonces implements NonceStore {
  readonly seen = new Set<string>();
  readonly calls: Array<[string, string, Date]> = [];
  async remember(accessKeyId: string, nonce: string, expiresAt: Date): Promise<boolean> {
    this.calls.push([accessKeyId, nonce, expiresAt]);
    const key = JSON.stringify([accessKeyId, nonce]);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
  close(): void {}
}

function setup() {
  const store = fakeStore();
  const nonces = new FakeNonces();
  let now = NOW;
  const clock: Clock = { now: () => new Date(now) };
  const lastUse = new LastUseTracker(
    { recordLastUsed: async () => {}, addDailyUsage: async () => {} },
    SILENT_LOGGER,
  );
  const deps: ServiceDeps = {
    // Only the three read methods above are reachable from authenticateRequest.
    store: store as Store,
    clock,
    ids: {} as IdGenerator,
    secretBox: FAKE_BOX,
    nonces,
    lastUse,
    authFailures: new AuthFailureThrottle({ windowMs: 60_000, perKey: 3, perSource: 5, maxTracked: 100 }),
    verification: new VerificationThrottle({ failuresPerCaller: 1, windowMs: 1, maxTracked: 1 }),
    logger: SILENT_LOGGER,
  };
  return { deps, store, nonces, lastUse, advance: (ms: number) => (now += ms) };
}

interface ClaimOptions {
  readonly accessKeyId?: string;
  readonly secret?: string;
  readonly skewMs?: number;
  /** `null` for a scheme without nonces (SigV4). */
  readonly nonce?: string | null;
  readonly stringToSign?: string;
}

/** The scope RAM claims carry. */
const RAM_SCOPE = { serviceName: 'ram', region: null } as const;
/** The last use recorded for a RAM request at the pinned time. */
const RAM_USE = { date: new Date(NOW), ...RAM_SCOPE, ...ORIGIN };

/** A claim whose signature is valid only for `secret`; `verify` is a spy. */
function claimOf(options: ClaimOptions = {}) {
  const expected = options.secret ?? 'root-secret';
  const verify = vi.fn((secret: string) => secret === expected);
  const claim: SignatureClaim = {
    accessKeyId: options.accessKeyId ?? ROOT_KEY.accessKeyId,
    timestamp: new Date(NOW + (options.skewMs ?? 0)),
    ...(options.nonce === null ? {} : { nonce: options.nonce ?? 'nonce-1' }),
    scope: RAM_SCOPE,
    verify,
    ...(options.stringToSign === undefined ? {} : { stringToSign: () => options.stringToSign ?? '' }),
  };
  return { claim, verify };
}

async function codeOf(action: Promise<unknown>): Promise<ErrorCode> {
  return (await catchAkmErrorAsync(action)).code;
}

describe('authenticateRequest', () => {
  describe('check order', () => {
    it('fails with ACCESS_KEY_NOT_FOUND for an unknown key, before anything else', async () => {
      const { deps, nonces } = setup();
      const { claim, verify } = claimOf({ accessKeyId: 'LTAIunknown', skewMs: 10 * WINDOW_MS });
      expect(await codeOf(authenticateRequest(deps, claim, ORIGIN))).toBe('ACCESS_KEY_NOT_FOUND');
      expect(verify).not.toHaveBeenCalled();
      expect(nonces.calls).toHaveLength(0);
    });

    it('fails with ACCESS_KEY_INACTIVE for a disabled key, even when the time and signature are also bad', async () => {
      const { deps, nonces } = setup();
      const { claim, verify } = claimOf({
        accessKeyId: INACTIVE_KEY.accessKeyId,
        secret: 'wrong',
        skewMs: -10 * WINDOW_MS,
      });
      expect(await codeOf(authenticateRequest(deps, claim, ORIGIN))).toBe('ACCESS_KEY_INACTIVE');
      expect(verify).not.toHaveBeenCalled();
      expect(nonces.calls).toHaveLength(0);
    });

    it.each([
      ['15 min + 1 ms in the past', -WINDOW_MS - 1],
      ['15 min + 1 ms in the future', WINDOW_MS + 1],
      ['a day in the past', -86_400_000],
      ['a day in the future', 86_400_000],
    ])('fails with TIMESTAMP_EXPIRED %s, before checking the signature', async (_, skewMs) => {
      const { deps, nonces } = setup();
      const { claim, verify } = claimOf({ skewMs, secret: 'wrong' });
      expect(await codeOf(authenticateRequest(deps, claim, ORIGIN))).toBe('TIMESTAMP_EXPIRED');
      expect(verify).not.toHaveBeenCalled();
      expect(nonces.calls).toHaveLength(0);
    });

    it.each([
      ['exactly 15 min in the past', -WINDOW_MS],
      ['exactly 15 min in the future', WINDOW_MS],
      ['no skew', 0],
    ])('accepts a timestamp %s', async (_, skewMs) => {
      const { deps } = setup();
      await expect(authenticateRequest(deps, claimOf({ skewMs }).claim, ORIGIN)).resolves.toMatchObject({
        kind: 'root',
      });
    });

    it('fails with SIGNATURE_MISMATCH, with the server string to sign, and does not consume the nonce', async () => {
      const { deps, nonces, lastUse } = setup();
      const bad = claimOf({ secret: 'not-the-secret', nonce: 'shared', stringToSign: 'GET&%2F&x' });
      const error = await catchAkmErrorAsync(authenticateRequest(deps, bad.claim, ORIGIN));
      expect(error.code).toBe('SIGNATURE_MISMATCH');
      expect(error.details).toEqual({ detail: 'GET&%2F&x' });
      expect(bad.verify).toHaveBeenCalledWith('root-secret');
      expect(nonces.calls).toHaveLength(0);
      expect(lastUse.lastUsed(ROOT_KEY)).toBeNull();

      // The legitimate client can still use the nonce the forged request carried.
      await expect(
        authenticateRequest(deps, claimOf({ nonce: 'shared' }).claim, ORIGIN),
      ).resolves.toMatchObject({
        kind: 'root',
      });
    });

    it('reports SIGNATURE_MISMATCH without a detail when the claim has no string to sign', async () => {
      const { deps } = setup();
      const error = await catchAkmErrorAsync(
        authenticateRequest(deps, claimOf({ secret: 'wrong' }).claim, ORIGIN),
      );
      expect(error.code).toBe('SIGNATURE_MISMATCH');
      expect(error.details).toEqual({});
    });

    it('fails with NONCE_USED on a replay, and does not record a use for it', async () => {
      const { deps, lastUse, advance } = setup();
      await authenticateRequest(deps, claimOf({ nonce: 'n' }).claim, ORIGIN);
      advance(60_000);
      expect(await codeOf(authenticateRequest(deps, claimOf({ nonce: 'n' }).claim, ORIGIN))).toBe(
        'NONCE_USED',
      );
      expect(lastUse.lastUsed(ROOT_KEY)).toEqual(RAM_USE);
    });

    it('checks nonces per AccessKey', async () => {
      const { deps } = setup();
      await authenticateRequest(deps, claimOf({ nonce: 'n' }).claim, ORIGIN);
      await expect(
        authenticateRequest(
          deps,
          claimOf({ nonce: 'n', accessKeyId: ALICE_KEY.accessKeyId, secret: 'alice-secret' }).claim,
          ORIGIN,
        ),
      ).resolves.toMatchObject({ kind: 'user' });
    });
  });

  it('accepts a claim without a nonce (SigV4) more than once, remembering nothing', async () => {
    const { deps, nonces, lastUse } = setup();
    const sigv4 = { ...claimOf({ nonce: null }).claim, scope: { serviceName: 'iam', region: 'eu-west-1' } };
    await authenticateRequest(deps, sigv4, ORIGIN);
    await expect(authenticateRequest(deps, sigv4, ORIGIN)).resolves.toMatchObject({ kind: 'root' });
    expect(nonces.calls).toEqual([]);
    expect(lastUse.lastUsed(ROOT_KEY)).toEqual({
      date: new Date(NOW),
      serviceName: 'iam',
      region: 'eu-west-1',
      ...ORIGIN,
    });
  });

  it('reports the request and server times of a claim outside the window', async () => {
    const { deps } = setup();
    const error = await catchAkmErrorAsync(
      authenticateRequest(deps, claimOf({ skewMs: WINDOW_MS + 1 }).claim, ORIGIN),
    );
    expect(error.details).toEqual({ requestTime: new Date(NOW + WINDOW_MS + 1), serverTime: new Date(NOW) });
  });

  it('remembers the nonce until the request timestamp leaves the window', async () => {
    const { deps, nonces } = setup();
    await authenticateRequest(deps, claimOf({ nonce: 'n', skewMs: -60_000 }).claim, ORIGIN);
    expect(nonces.calls).toEqual([[ROOT_KEY.accessKeyId, 'n', new Date(NOW - 60_000 + WINDOW_MS)]]);
  });

  it('records the use at the server time, not the client timestamp', async () => {
    const { deps, lastUse } = setup();
    await authenticateRequest(deps, claimOf({ skewMs: -60_000 }).claim, ORIGIN);
    expect(lastUse.lastUsed(ROOT_KEY)).toEqual(RAM_USE);
  });

  it('returns the root principal without looking up users or policies', async () => {
    const { deps, store } = setup();
    expect(await authenticateRequest(deps, claimOf().claim, ORIGIN)).toEqual({
      accountId: ACCOUNT,
      kind: 'root',
      userId: null,
      userName: null,
      path: '/',
      accessKeyId: ROOT_KEY.accessKeyId,
      policies: [],
    });
    expect(store.getUserById).not.toHaveBeenCalled();
    expect(store.listPolicies).not.toHaveBeenCalled();
  });

  it('returns a user principal with its policies in attach order', async () => {
    const { deps, lastUse } = setup();
    const { claim } = claimOf({ accessKeyId: ALICE_KEY.accessKeyId, secret: 'alice-secret' });
    expect(await authenticateRequest(deps, claim, ORIGIN)).toEqual({
      accountId: ACCOUNT,
      kind: 'user',
      userId: ALICE.userId,
      userName: 'alice',
      path: '/team/',
      accessKeyId: ALICE_KEY.accessKeyId,
      policies: ['AliyunRAMReadOnlyAccess', 'AdministratorAccess'],
    });
    expect(lastUse.lastUsed(ALICE_KEY)).toEqual(RAM_USE);
  });

  it('refuses a key whose user no longer exists as ACCESS_KEY_NOT_FOUND', async () => {
    const { deps } = setup();
    const { claim } = claimOf({ accessKeyId: ORPHAN_KEY.accessKeyId, secret: 'orphan-secret' });
    expect(await codeOf(authenticateRequest(deps, claim, ORIGIN))).toBe('ACCESS_KEY_NOT_FOUND');
  });

  it('records where the use came from, cutting over-long values', async () => {
    const { deps, lastUse } = setup();
    const long = { sourceIp: 'x'.repeat(100), userAgent: 'a'.repeat(1000), action: 'b'.repeat(500) };
    await authenticateRequest(deps, claimOf().claim, long);
    expect(lastUse.lastUsed(ROOT_KEY)).toMatchObject({
      sourceIp: 'x'.repeat(64),
      userAgent: 'a'.repeat(256),
      action: 'b'.repeat(128),
    });
  });

  it('verifies with the secret opened for the key itself', async () => {
    const { deps } = setup();
    const { claim, verify } = claimOf({ accessKeyId: ALICE_KEY.accessKeyId, secret: 'alice-secret' });
    await authenticateRequest(deps, claim, ORIGIN);
    expect(verify.mock.calls).toEqual([['alice-secret']]);
  });
  describe('failed-attempt throttling (per key 3, per source 5)', () => {
    it('answers THROTTLED once a key has spent its failures, yet serves its correctly signed requests', async () => {
      const { deps } = setup();
      const wrong = () => claimOf({ secret: 'wrong', nonce: `n${Math.random()}` }).claim;
      const codes: string[] = [];
      for (let i = 0; i < 4; i += 1) codes.push(await codeOf(authenticateRequest(deps, wrong(), ORIGIN)));
      expect(codes).toEqual(['SIGNATURE_MISMATCH', 'SIGNATURE_MISMATCH', 'SIGNATURE_MISMATCH', 'THROTTLED']);
      await expect(authenticateRequest(deps, claimOf().claim, ORIGIN)).resolves.toMatchObject({
        kind: 'root',
      });
    });

    it('charges unknown keys to the source, and still serves a good key from that source', async () => {
      const { deps } = setup();
      const codes: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const { claim } = claimOf({ accessKeyId: `LTAIunknown${i}` });
        codes.push(await codeOf(authenticateRequest(deps, claim, ORIGIN)));
      }
      expect(codes).toEqual([...Array(5).fill('ACCESS_KEY_NOT_FOUND'), 'THROTTLED']);
      const other = claimOf({ accessKeyId: 'LTAIunknown9' }).claim;
      expect(await codeOf(authenticateRequest(deps, other, { ...ORIGIN, sourceIp: '198.51.100.1' }))).toBe(
        'ACCESS_KEY_NOT_FOUND',
      );
      await expect(authenticateRequest(deps, claimOf().claim, ORIGIN)).resolves.toMatchObject({
        kind: 'root',
      });
    });
  });
});
