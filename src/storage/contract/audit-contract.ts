/** Store contract: the audit log (append once per request, filtered newest-first pages, retention). */
import { describe, expect, it } from 'vitest';
import type { AuditEvent, AuditQuery } from '../../domain/audit.js';
import { MAX_ACCESS_KEYS_PER_OWNER, MAX_USERS_PER_ACCOUNT } from '../../domain/limits.js';
import {
  at,
  makeAccount,
  makePolicy,
  makeRootKey,
  makeUser,
  makeUserKey,
  seedAccount,
  seedUser,
  userOwner,
} from './fixtures.js';
import { expectAkmError, type OpenStore, useFreshStore } from './store-harness.js';

const ACCOUNT = '1000000000000001';

/** A successful CreateUser by alice's key at `seconds`, unless told otherwise. */
function event(eventId: string, seconds: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    eventId,
    eventTime: at(seconds),
    accountId: ACCOUNT,
    actorType: 'User',
    actorAccessKeyId: 'LTAIalice',
    actorUserName: 'alice',
    action: 'CreateUser',
    target: 'user/bob',
    sourceIp: '127.0.0.1',
    userAgent: 'akm-cli',
    result: 'Success',
    errorCode: null,
    ...overrides,
  };
}

/** Registers the audit log tests. */
export function describeAuditContract(openStore: OpenStore): void {
  describe('audit log', () => {
    const store = useFreshStore(openStore);
    const ids = async (query: Partial<AuditQuery> = {}) =>
      (await store().lookupAuditEvents({ accountId: ACCOUNT, limit: 100, ...query })).map((e) => e.eventId);

    it('stores every field and reads it back', async () => {
      const failure = event('e1', 10, {
        actorType: 'Root',
        actorUserName: null,
        target: null,
        sourceIp: null,
        userAgent: null,
        result: 'Failure',
        errorCode: 'NO_PERMISSION',
      });
      await store().appendAuditEvent(failure);
      expect(await store().lookupAuditEvents({ accountId: ACCOUNT, limit: 10 })).toEqual([failure]);
    });

    it('keeps the first event of a request: a second one with its id is ignored', async () => {
      await store().appendAuditEvent(event('e1', 10));
      await store().appendAuditEvent(event('e1', 11, { result: 'Failure', errorCode: 'INTERNAL' }));
      expect(await store().lookupAuditEvents({ accountId: ACCOUNT, limit: 10 })).toEqual([event('e1', 10)]);
    });

    it('lists newest first, ties by event id, only the account asked for', async () => {
      await store().appendAuditEvent(event('a', 10));
      await store().appendAuditEvent(event('c', 20));
      await store().appendAuditEvent(event('b', 20));
      await store().appendAuditEvent(event('z', 30, { accountId: '1000000000000002' }));
      expect(await ids()).toEqual(['c', 'b', 'a']);
    });

    it('filters by time range, actor (key id or user name), action and target subtree', async () => {
      await store().appendAuditEvent(event('1', 10));
      await store().appendAuditEvent(event('2', 20, { actorAccessKeyId: 'LTAIroot', actorUserName: null }));
      await store().appendAuditEvent(
        event('3', 30, { action: 'CreateAccessKey', target: 'user/bob/accesskey/K' }),
      );
      await store().appendAuditEvent(event('4', 40, { target: 'user/bobby' }));
      await store().appendAuditEvent(
        event('5', 50, { action: 'SetSecurityPreference', target: 'preference' }),
      );
      expect(await ids({ startTime: at(20), endTime: at(40) })).toEqual(['3', '2']);
      expect(await ids({ actor: 'LTAIroot' })).toEqual(['2']);
      expect(await ids({ actor: 'alice' })).toEqual(['5', '4', '3', '1']);
      expect(await ids({ action: 'CreateAccessKey' })).toEqual(['3']);
      expect(await ids({ target: 'user/bob' })).toEqual(['3', '2', '1']);
      expect(await ids({ target: 'user/bob/accesskey/K' })).toEqual(['3']);
      expect(await ids({ target: 'preference', actor: 'alice' })).toEqual(['5']);
    });

    it('pages after a position and honours the limit', async () => {
      for (const [id, seconds] of [
        ['a', 10],
        ['b', 20],
        ['c', 20],
        ['d', 30],
      ] as const) {
        await store().appendAuditEvent(event(id, seconds));
      }
      expect(await ids({ limit: 2 })).toEqual(['d', 'c']);
      expect(await ids({ limit: 2, after: { eventTime: at(20), eventId: 'c' } })).toEqual(['b', 'a']);
      expect(await ids({ limit: 0 })).toEqual([]);
    });

    it("appends a change's event in the change's transaction, and none for a refused change", async () => {
      const account = makeAccount();
      const ids = async () =>
        (await store().lookupAuditEvents({ accountId: account.accountId, limit: 100 })).map((e) => e.eventId);
      const evt = (eventId: string) => event(eventId, 1, { accountId: account.accountId });
      await store().createAccount(account, makeRootKey(account.accountId), evt('account'));
      const bob = makeUser(account.accountId, 'bob');
      await store().createUser(bob, MAX_USERS_PER_ACCOUNT, evt('user'));
      await expectAkmError(
        store().createUser(makeUser(account.accountId, 'BOB'), MAX_USERS_PER_ACCOUNT, evt('user-again')),
        'USER_ALREADY_EXISTS',
      );
      await store().updateUser(
        account.accountId,
        bob.userId,
        { comments: 'x', updateDate: at(2) },
        evt('rename'),
      );
      const key = makeUserKey(bob);
      await store().createAccessKey(key, MAX_ACCESS_KEYS_PER_OWNER, evt('key'));
      expect(
        await store().updateAccessKeyStatus(userOwner(bob), 'LTAI-none', 'Inactive', evt('no-key')),
      ).toBe(false);
      expect(
        await store().updateAccessKeyStatus(userOwner(bob), key.accessKeyId, 'Inactive', evt('disable')),
      ).toBe(true);
      await store().attachPolicy(
        account.accountId,
        bob.userId,
        makePolicy('AdministratorAccess'),
        evt('attach'),
      );
      expect(
        await store().detachPolicy(
          account.accountId,
          bob.userId,
          'AliyunRAMReadOnlyAccess',
          'System',
          evt('no-detach'),
        ),
      ).toBe(false);
      expect(
        await store().detachPolicy(
          account.accountId,
          bob.userId,
          'AdministratorAccess',
          'System',
          evt('detach'),
        ),
      ).toBe(true);
      expect(await store().deleteAccessKey(userOwner(bob), key.accessKeyId, evt('delete-key'))).toBe(true);
      await store().deleteUser(account.accountId, bob.userId, evt('delete-user'));
      await store().setSecurityPreference(
        account.accountId,
        await store().getSecurityPreference(account.accountId),
        evt('preference'),
      );
      expect((await ids()).sort()).toEqual(
        [
          'account',
          'user',
          'rename',
          'key',
          'disable',
          'attach',
          'detach',
          'delete-key',
          'delete-user',
          'preference',
        ].sort(),
      );
    });

    it('rolls the event back with a change that fails half-way (a key over the limit)', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'carol');
      await store().createAccessKey(makeUserKey(user), 1);
      await expectAkmError(
        store().createAccessKey(makeUserKey(user), 1, event('over', 1, { accountId: account.accountId })),
        'ACCESS_KEY_LIMIT_EXCEEDED',
      );
      expect(await store().lookupAuditEvents({ accountId: account.accountId, limit: 10 })).toEqual([]);
    });

    it('purges events older than a cut-off', async () => {
      await store().appendAuditEvent(event('old', 10));
      await store().appendAuditEvent(event('new', 20));
      await store().purgeAuditEvents(at(20));
      expect(await ids()).toEqual(['new']);
    });
  });
}
