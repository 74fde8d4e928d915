// One user: its details, AccessKeys and attached policies.

import type { ConsoleApi } from '../console-api.js';
import { USERS_HREF } from '../routes.js';
import { accessKeysSection } from './access-keys-section.js';
import { h, relativeTime, replaceChildren } from './dom.js';
import { Notice } from './notice.js';
import { policiesSection } from './policies-section.js';

/**
 * Renders a user's page.
 *
 * @param view - where to render
 * @param api - the signed-in client
 * @param userName - the user
 */
export function renderUserPage(view: HTMLElement, api: ConsoleApi, userName: string): void {
  const notice = new Notice();
  const details = h('dl', { class: 'details' });
  view.replaceChildren(
    h(
      'nav',
      { class: 'breadcrumb', 'aria-label': 'Breadcrumb' },
      h('a', { href: USERS_HREF }, 'Users'),
      ' / ',
      userName,
    ),
    h('h1', {}, userName),
    notice.element,
    details,
    accessKeysSection(api, userName),
    policiesSection(api, userName),
  );
  void notice.run(undefined, async () => {
    const user = await api.getUser(userName);
    replaceChildren(
      details,
      ...detail('User ID', h('code', {}, user.userId)),
      ...detail('Display name', user.displayName || '—'),
      ...detail('Created', relativeTime(user.createDate)),
      ...(user.comments ? detail('Comments', user.comments) : []),
    );
  });
}

function detail(term: string, value: Node | string): HTMLElement[] {
  return [h('dt', {}, term), h('dd', {}, value)];
}
