import { describe, expect, it } from 'vitest';
import { parseRoute, SETTINGS_HREF, USERS_HREF, userHref } from './routes.js';

describe('parseRoute', () => {
  it.each([
    ['', { page: 'users' }],
    [USERS_HREF, { page: 'users' }],
    [SETTINGS_HREF, { page: 'settings' }],
    ['#/nowhere', { page: 'users' }],
    ['#/users/%E0%A4%A', { page: 'users' }],
    [userHref('alice@example.com'), { page: 'user', userName: 'alice@example.com' }],
    [userHref('a/b c'), { page: 'user', userName: 'a/b c' }],
  ])('%j is %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
});
