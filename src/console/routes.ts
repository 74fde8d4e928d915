// Hash routes: the server serves one page, so deep links never need a server-side fallback.

/** A page of the console. */
export type Route =
  | { readonly page: 'users' }
  | { readonly page: 'user'; readonly userName: string }
  | { readonly page: 'settings' };

/** Link to the users page. */
export const USERS_HREF = '#/users';

/** Link to the security settings page. */
export const SETTINGS_HREF = '#/settings';

/**
 * Link to one user's page.
 *
 * @param userName - the user
 */
export function userHref(userName: string): string {
  return `#/users/${encodeURIComponent(userName)}`;
}

/**
 * The route of a location hash; anything unknown is the users page.
 *
 * @param hash - `location.hash`
 */
export function parseRoute(hash: string): Route {
  if (hash === SETTINGS_HREF) return { page: 'settings' };
  const user = /^#\/users\/(.+)$/.exec(hash)?.[1];
  if (user !== undefined) {
    try {
      return { page: 'user', userName: decodeURIComponent(user) };
    } catch {
      return { page: 'users' };
    }
  }
  return { page: 'users' };
}
