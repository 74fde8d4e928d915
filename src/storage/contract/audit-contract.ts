/** Store contract: the audit log (append once per request, filtered newest-first pages, retention). */
import { describe, expect, it } from 'vitest';
import type { AuditEvent, AuditQuery } from '../../domain/audit.js';
import { at } from './fixtures.js';
import { type OpenStore, useFreshStore } from './store-harness.js';

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

    it('purges events older than a cut-off', async () => {
      await store().appendAuditEvent(event('old', 10));
      await store().appendAuditEvent(event('new', 20));
      await store().purgeAuditEvents(at(20));
      expect(await ids()).toEqual(['new']);
    });
  });
}
