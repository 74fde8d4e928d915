// The account's security preference that governs self-service keys: AllowUserToManageAccessKeys.

import type { ConsoleApi } from '../console-api.js';
import { h } from './dom.js';
import { Notice } from './notice.js';

/**
 * Renders the security settings page.
 *
 * @param view - where to render
 * @param api - the signed-in client
 */
export function renderSettingsPage(view: HTMLElement, api: ConsoleApi): void {
  const notice = new Notice();
  const toggle = h('input', {
    id: 'allow-user-keys',
    type: 'checkbox',
    role: 'switch',
    disabled: true,
    'aria-describedby': 'allow-user-keys-hint',
  });
  toggle.addEventListener('change', () => {
    const wanted = toggle.checked;
    void notice
      .run(undefined, async () => {
        toggle.disabled = true;
        toggle.checked = await api.allowUserToManageAccessKeys(wanted);
        notice.showStatus(
          `RAM users ${toggle.checked ? 'may now' : 'may no longer'} manage their own AccessKeys.`,
        );
      })
      .then((ok) => {
        if (!ok) toggle.checked = !wanted;
        toggle.disabled = false;
      });
  });
  view.replaceChildren(
    h('h1', {}, 'Security settings'),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'AccessKey self-service'),
      h(
        'div',
        { class: 'field switch' },
        toggle,
        h('label', { for: toggle.id }, 'Allow RAM users to manage their own AccessKeys'),
      ),
      h(
        'small',
        { id: 'allow-user-keys-hint', class: 'hint' },
        'When on, a RAM user may create, disable and delete its own AccessKeys without a policy (RAM’s AllowUserToManageAccessKeys).',
      ),
      notice.element,
    ),
  );
  void notice.run(undefined, async () => {
    toggle.checked = await api.allowUserToManageAccessKeys();
    toggle.disabled = false;
  });
}
