// The console's entry point: the page shell, sign-in state and hash routing.

import { ConsoleApi } from '../console-api.js';
import type { RamEndpoint } from '../ram-call.js';
import { parseRoute, SETTINGS_HREF, USERS_HREF } from '../routes.js';
import { button, h, refreshRelativeTimes } from './dom.js';
import { clearSession, loadSession, saveSession } from './session.js';
import { renderSettingsPage } from './settings-page.js';
import { renderSignIn } from './sign-in-page.js';
import { renderUserPage } from './user-page.js';
import { renderUsersPage } from './users-page.js';

/** How often "3 minutes ago" is brought up to date. */
const RELATIVE_TIME_REFRESH_MS = 30_000;

/** The API is this page's own origin; the Host the browser sends for it is what gets signed. */
const ENDPOINT: RamEndpoint = { origin: location.origin, host: location.host };

function start(root: HTMLElement): void {
  const saved = loadSession();
  // The signed-in client, held in this tab's memory only.
  let api: ConsoleApi | undefined = saved && new ConsoleApi(ENDPOINT, saved);
  const view = h('main', { id: 'view', tabindex: '-1' });
  const account = h('div', { class: 'account' });
  const nav = h('nav', { class: 'main-nav', 'aria-label': 'Main' });
  root.replaceChildren(
    h('header', { class: 'top' }, h('a', { class: 'brand', href: USERS_HREF }, 'akm console'), nav, account),
    view,
  );

  const signOut = () => {
    api = undefined;
    clearSession();
    render();
  };

  const render = () => {
    const route = parseRoute(location.hash);
    nav.replaceChildren(
      ...(api
        ? [
            navLink('Users', USERS_HREF, route.page !== 'settings'),
            navLink('Security settings', SETTINGS_HREF, route.page === 'settings'),
          ]
        : []),
    );
    account.replaceChildren(
      ...(api
        ? [
            h('span', { class: 'who', title: 'Signed in with this AccessKey' }, api.credentials.accessKeyId),
            button('Sign out', signOut, 'secondary small'),
          ]
        : []),
    );
    if (!api) {
      renderSignIn(view, ENDPOINT, (signedIn, stayAcrossReloads) => {
        api = signedIn;
        if (stayAcrossReloads) saveSession(signedIn.credentials);
        render();
      });
      return;
    }
    if (route.page === 'user') renderUserPage(view, api, route.userName);
    else if (route.page === 'settings') renderSettingsPage(view, api);
    else renderUsersPage(view, api);
  };

  window.addEventListener('hashchange', () => {
    render();
    view.focus();
  });
  setInterval(() => refreshRelativeTimes(view), RELATIVE_TIME_REFRESH_MS);
  render();
}

function navLink(label: string, href: string, current: boolean): HTMLElement {
  return h('a', { href, 'aria-current': current ? 'page' : undefined }, label);
}

const root = document.getElementById('app');
if (root) start(root);
