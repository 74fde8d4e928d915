// A user's AccessKeys: status, created, last used ("3 minutes ago", exact date on hover, and through
// which service from where), create with the secret shown once, enable/disable, delete with
// confirmation; and each key's requests per day and service.

import type { ConsoleAccessKey, ConsoleApi, ConsoleDailyUsage, ConsoleLastUse } from '../console-api.js';
import { confirmAction } from './confirm-dialog.js';
import { button, h, relativeTime, replaceChildren, table } from './dom.js';
import { ListRegion, Notice } from './notice.js';
import { secretOncePanel } from './secret-once-panel.js';

interface KeyRow {
  readonly key: ConsoleAccessKey;
  readonly lastUsed: ConsoleLastUse | undefined;
  readonly usage: readonly ConsoleDailyUsage[];
}

/** How many days of usage the page shows per key. */
const USAGE_ROWS_PER_KEY = 14;

/** The last use: its time, then `service · address` with the action and user agent on hover. */
function lastUseCell(use: ConsoleLastUse | undefined): HTMLElement {
  if (!use) return relativeTime('', 'Never');
  const where = [use.serviceName, use.sourceIp].filter(Boolean).join(' · ');
  const how = [use.action, use.userAgent].filter(Boolean).join(' · ');
  return h(
    'div',
    { class: 'last-use' },
    relativeTime(use.date),
    where ? h('div', { class: 'muted small', title: how || undefined }, where) : '',
  );
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
      return Promise.all(
        keys.map(
          async (key): Promise<KeyRow> => ({
            key,
            lastUsed: await api.getAccessKeyLastUsed(userName, key.accessKeyId),
            usage: await api.listAccessKeyUsage(userName, key.accessKeyId),
          }),
        ),
      );
    }, render);

  const render = (rows: readonly KeyRow[]) =>
    h(
      'div',
      {},
      table(
        ['AccessKey ID', 'Status', 'Created', 'Last used', 'Actions'],
        rows.map(({ key, lastUsed }) => [
          h('code', {}, key.accessKeyId),
          h('span', { class: `badge ${key.status === 'Active' ? 'active' : 'inactive'}` }, key.status),
          relativeTime(key.createDate),
          lastUseCell(lastUsed),
          h('div', { class: 'row-actions' }, statusButton(key), deleteButton(key)),
        ]),
        'This user has no AccessKeys.',
      ),
      rows.length === 0 ? '' : usageTable(rows),
    );

  const usageTable = (rows: readonly KeyRow[]) =>
    h(
      'div',
      { class: 'key-usage' },
      h('h3', {}, 'Requests per day'),
      table(
        ['AccessKey ID', 'Date (UTC)', 'Service', 'Requests'],
        rows.flatMap(({ key, usage }) =>
          usage
            .slice(0, USAGE_ROWS_PER_KEY)
            .map((u) => [h('code', {}, key.accessKeyId), u.date, u.serviceName, String(u.requestCount)]),
        ),
        'No requests recorded yet.',
      ),
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
