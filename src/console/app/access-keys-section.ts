// A user's AccessKeys: status, created, last used ("3 minutes ago", exact date on hover), create with
// the secret shown once, enable/disable, delete with confirmation.

import type { ConsoleAccessKey, ConsoleApi } from '../console-api.js';
import { confirmAction } from './confirm-dialog.js';
import { button, h, relativeTime, replaceChildren, table } from './dom.js';
import { ListRegion, Notice } from './notice.js';
import { secretOncePanel } from './secret-once-panel.js';

interface KeyRow {
  readonly key: ConsoleAccessKey;
  readonly lastUsed: string | undefined;
}

/**
 * The AccessKeys section of a user page.
 *
 * @param api - the signed-in client
 * @param userName - whose keys
 * @returns the section element (it loads itself)
 */
export function accessKeysSection(api: ConsoleApi, userName: string): HTMLElement {
  const notice = new Notice();
  const secretSlot = h('div', { class: 'secret-slot' });
  const list = new ListRegion(notice);

  const load = () =>
    list.load(async () => {
      const keys = await api.listAccessKeys(userName);
      const lastUsed = await Promise.all(keys.map((k) => api.getAccessKeyLastUsed(userName, k.accessKeyId)));
      return keys.map((key, i): KeyRow => ({ key, lastUsed: lastUsed[i] }));
    }, render);

  const render = (rows: readonly KeyRow[]) =>
    table(
      ['AccessKey ID', 'Status', 'Created', 'Last used', 'Actions'],
      rows.map(({ key, lastUsed }) => [
        h('code', {}, key.accessKeyId),
        h('span', { class: `badge ${key.status === 'Active' ? 'active' : 'inactive'}` }, key.status),
        relativeTime(key.createDate),
        relativeTime(lastUsed ?? '', 'Never'),
        h('div', { class: 'row-actions' }, statusButton(key), deleteButton(key)),
      ]),
      'This user has no AccessKeys.',
    );

  const statusButton = (key: ConsoleAccessKey) => {
    const next = key.status === 'Active' ? 'Inactive' : 'Active';
    return button(
      next === 'Active' ? 'Enable' : 'Disable',
      (b) =>
        void notice.run(b, async () => {
          await api.updateAccessKey(userName, key.accessKeyId, next);
          notice.showStatus(`AccessKey ${key.accessKeyId} ${next === 'Active' ? 'enabled' : 'disabled'}.`);
          await load();
        }),
      'secondary small',
    );
  };

  const deleteButton = (key: ConsoleAccessKey) =>
    button(
      'Delete',
      async (b) => {
        const confirmed = await confirmAction({
          title: `Delete AccessKey ${key.accessKeyId}?`,
          message: 'Requests signed with it are refused at once. This cannot be undone.',
          confirmLabel: 'Delete AccessKey',
        });
        if (!confirmed) return;
        await notice.run(b, async () => {
          await api.deleteAccessKey(userName, key.accessKeyId);
          notice.showStatus(`AccessKey ${key.accessKeyId} deleted.`);
          await load();
        });
      },
      'danger small',
    );

  const create = button(
    'Create AccessKey',
    (b) =>
      void notice.run(b, async () => {
        const key = await api.createAccessKey(userName);
        notice.clear();
        replaceChildren(
          secretSlot,
          secretOncePanel(key, () => replaceChildren(secretSlot)),
        );
        await load();
      }),
  );

  void load();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'keys-title' },
    h(
      'div',
      { class: 'section-head' },
      h('h2', { id: 'keys-title' }, 'AccessKeys'),
      h(
        'div',
        { class: 'actions' },
        button('Refresh', () => void load(), 'secondary'),
        create,
      ),
    ),
    secretSlot,
    notice.element,
    list.element,
  );
}
