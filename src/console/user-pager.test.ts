// UserPager over a fake ListUsers: Marker paging, the filter's scan, refresh after changes.

import { describe, expect, it } from 'vitest';
import type { ConsoleUser } from './console-api.js';
import { type ListUsers, matchesUserFilter, UserPager } from './user-pager.js';

const user = (userName: string, displayName = ''): ConsoleUser => ({
  userName,
  displayName,
  userId: '1',
  comments: '',
  createDate: '2026-01-01T00:00:00Z',
});

/** ListUsers over an array, with the offset as Marker, recording each call. */
function fakeListUsers(users: ConsoleUser[], calls: Array<[string | undefined, number]> = []): ListUsers {
  return async (marker, maxItems) => {
    calls.push([marker, maxItems]);
    const start = Number(marker ?? 0);
    const end = start + maxItems;
    return { users: users.slice(start, end), marker: end < users.length ? String(end) : undefined };
  };
}

const names = (page: { users: readonly ConsoleUser[] }) => page.users.map((u) => u.userName);
const USERS = Array.from({ length: 25 }, (_, i) => user(`u${String(i).padStart(2, '0')}`));

describe('UserPager without a filter', () => {
  it('pages with RAM’s Marker, forwards and back, and stops at both ends', async () => {
    const calls: Array<[string | undefined, number]> = [];
    const pager = new UserPager(fakeListUsers(USERS, calls), 10, '');
    expect(await pager.current()).toMatchObject({ pageNumber: 1, hasPrevious: false, hasNext: true });
    expect(names(await pager.next())).toEqual(USERS.slice(10, 20).map((u) => u.userName));
    const last = await pager.next();
    expect(last).toMatchObject({ pageNumber: 3, hasPrevious: true, hasNext: false });
    expect(names(last)).toEqual(['u20', 'u21', 'u22', 'u23', 'u24']);
    expect((await pager.next()).pageNumber).toBe(3);
    expect((await pager.previous()).pageNumber).toBe(2);
    expect(calls.map(([marker]) => marker)).toEqual([undefined, '10', '20', '20', '10']);
    expect(calls.every(([, max]) => max === 10)).toBe(true);
  });

  it('steps back when the shown page has emptied', async () => {
    const users = [...USERS];
    const pager = new UserPager(fakeListUsers(users), 10, '');
    await pager.current();
    await pager.next();
    await pager.next();
    users.splice(20);
    expect(await pager.refresh()).toMatchObject({ pageNumber: 2, hasNext: false });
  });
});

describe('UserPager with a filter', () => {
  it('scans every page once (at 100 per call) and pages the matches', async () => {
    const many = Array.from({ length: 250 }, (_, i) => user(`user-${i}`, i % 50 === 7 ? 'Team Seven' : ''));
    const calls: Array<[string | undefined, number]> = [];
    const pager = new UserPager(fakeListUsers(many, calls), 2, 'seven');
    expect(names(await pager.current())).toEqual(['user-7', 'user-57']);
    expect(await pager.next()).toMatchObject({ pageNumber: 2, hasNext: true });
    expect(await pager.next()).toMatchObject({ pageNumber: 3, hasNext: false, users: [many[207]] });
    expect(calls).toEqual([
      [undefined, 100],
      ['100', 100],
      ['200', 100],
    ]);
  });

  it('scans again on refresh', async () => {
    const users = [user('alice'), user('bob')];
    const pager = new UserPager(fakeListUsers(users), 10, 'ALI');
    expect(names(await pager.current())).toEqual(['alice']);
    users.push(user('alicia'));
    expect(names(await pager.current())).toEqual(['alice']);
    expect(names(await pager.refresh())).toEqual(['alice', 'alicia']);
  });

  it('shows one empty page when nothing matches', async () => {
    const pager = new UserPager(fakeListUsers(USERS), 10, 'nobody');
    expect(await pager.current()).toEqual({ users: [], pageNumber: 1, hasPrevious: false, hasNext: false });
    expect(pager.isFiltered).toBe(true);
  });
});

describe('matchesUserFilter', () => {
  it.each([
    ['', true],
    ['  ', true],
    ['ALI', true],
    ['wonder', true],
    ['bob', false],
  ])('filter %j matches alice (Alice Wonder): %s', (filter, expected) => {
    expect(matchesUserFilter(user('alice', 'Alice Wonder'), filter)).toBe(expected);
  });
});
