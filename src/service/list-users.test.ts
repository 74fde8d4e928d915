// ListUsers paging: default and bounds of maxItems, marker round trip, and invalid markers.

import { describe, expect, it, vi } from 'vitest';
import type { User } from '../domain/entities.js';
import type { Store, UserPage } from '../domain/ports.js';
import type { Principal } from '../domain/principal.js';
import { catchAkmErrorAsync } from '../testing/catch-akm-error.js';
import { listUsers } from './list-users.js';
import type { ServiceDeps } from './service-deps.js';

const ACCOUNT = '1000000000000001';
const CALLER: Principal = {
  accountId: ACCOUNT,
  kind: 'root',
  userId: null,
  userName: null,
  path: '/',
  accessKeyId: 'LTAIroot0000000000000001',
  policies: [],
};

function makeUser(userName: string, index: number): User {
  const date = new Date(Date.UTC(2024, 0, 1, 0, 0, index));
  return {
    accountId: ACCOUNT,
    userId: String(2000000000000000 + index),
    userName,
    path: '/',
    displayName: userName,
    mobilePhone: '',
    email: '',
    comments: '',
    createDate: date,
    updateDate: date,
    lastLoginDate: null,
  };
}

/** A store whose listUsers follows the port contract: lower-cased name order, strictly after `after`. */
function depsWith(userNames: readonly string[]) {
  const users = userNames.map(makeUser);
  const listUsersSpy = vi.fn(async (accountId: string, page: UserPage): Promise<User[]> => {
    const key = (u: User) => u.userName.toLowerCase();
    return users
      .filter((u) => u.accountId === accountId)
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
      .filter((u) => page.after === undefined || key(u) > page.after)
      .slice(0, page.limit);
  });
  const store: Pick<Store, 'listUsers'> = { listUsers: listUsersSpy };
  // listUsers only reaches deps.store.listUsers.
  const deps = { store: store as Store } as ServiceDeps;
  return { deps, listUsersSpy };
}

const names = (page: { items: readonly User[] }): string[] => page.items.map((u) => u.userName);

describe('listUsers', () => {
  it('returns every user, untruncated and without a marker, when they fit', async () => {
    const { deps, listUsersSpy } = depsWith(['bob', 'alice']);
    const page = await listUsers(deps, CALLER, {});
    expect(names(page)).toEqual(['alice', 'bob']);
    expect(page.isTruncated).toBe(false);
    expect(page).not.toHaveProperty('marker');
    // The default is 100, plus one row to detect another page.
    expect(listUsersSpy).toHaveBeenCalledWith(ACCOUNT, { limit: 101 });
  });

  it('is not truncated when the page is exactly full', async () => {
    const { deps } = depsWith(['a', 'b']);
    const page = await listUsers(deps, CALLER, { maxItems: 2 });
    expect(names(page)).toEqual(['a', 'b']);
    expect(page.isTruncated).toBe(false);
    expect(page).not.toHaveProperty('marker');
  });

  it('pages through every user with the marker, in case-insensitive name order', async () => {
    const { deps, listUsersSpy } = depsWith(['eve', 'Carol', 'alice', 'Dave', 'bob']);
    const seen: string[][] = [];
    let marker: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listUsers(deps, CALLER, { maxItems: 2, marker });
      seen.push(names(page));
      if (!page.isTruncated) {
        expect(page).not.toHaveProperty('marker');
        break;
      }
      expect(page.marker).toMatch(/^[A-Za-z0-9_-]+$/);
      marker = page.marker;
    }
    expect(seen).toEqual([['alice', 'bob'], ['Carol', 'Dave'], ['eve']]);
    expect(listUsersSpy.mock.calls.map(([, page]) => page)).toEqual([
      { limit: 3 },
      { after: 'bob', limit: 3 },
      { after: 'dave', limit: 3 },
    ]);
  });

  it('keeps pages correct when users are added between calls', async () => {
    const { deps } = depsWith(['a', 'c', 'e']);
    const first = await listUsers(deps, CALLER, { maxItems: 1 });
    expect(names(first)).toEqual(['a']);
    const grown = depsWith(['a', 'b', 'c', 'e']);
    const second = await listUsers(grown.deps, CALLER, { maxItems: 1, marker: first.marker });
    expect(names(second)).toEqual(['b']);
  });

  it.each([1, 1000])('accepts maxItems %i', async (maxItems) => {
    const { deps, listUsersSpy } = depsWith(['a']);
    await listUsers(deps, CALLER, { maxItems });
    expect(listUsersSpy).toHaveBeenCalledWith(ACCOUNT, { limit: maxItems + 1 });
  });

  it.each([0, -1, 1001, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects maxItems %s with INVALID_VALUE naming maxItems',
    async (maxItems) => {
      const { deps, listUsersSpy } = depsWith(['a']);
      const error = await catchAkmErrorAsync(listUsers(deps, CALLER, { maxItems }));
      expect([error.code, error.details.field]).toEqual(['INVALID_VALUE', 'maxItems']);
      expect(listUsersSpy).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['the empty string', ''],
    ['a plain user name', 'alice'],
    ['text that is not base64url', '!!!'],
    ['an encoded empty name', Buffer.from('u1:').toString('base64url')],
    ['another prefix', Buffer.from('u2:alice').toString('base64url')],
    ['no prefix', Buffer.from('alice').toString('base64url')],
  ])('rejects %s as a marker with INVALID_VALUE naming marker', async (_, marker) => {
    const { deps, listUsersSpy } = depsWith(['a']);
    const error = await catchAkmErrorAsync(listUsers(deps, CALLER, { marker }));
    expect([error.code, error.details.field]).toEqual(['INVALID_VALUE', 'marker']);
    expect(listUsersSpy).not.toHaveBeenCalled();
  });

  it('lists only the caller’s account', async () => {
    const { deps, listUsersSpy } = depsWith(['a']);
    const other = { ...CALLER, accountId: '1000000000000002' };
    expect(names(await listUsers(deps, other, {}))).toEqual([]);
    expect(listUsersSpy).toHaveBeenCalledWith('1000000000000002', { limit: 101 });
  });
});
