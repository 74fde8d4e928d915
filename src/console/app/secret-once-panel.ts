// The one time a new AccessKey secret is visible: copy to the clipboard or download RAM's CSV. The
// secret exists only in this panel; closing it, navigating or reloading drops it for good.

import { ACCESS_KEY_CSV_FILE_NAME, buildAccessKeyCsv } from '../access-key-csv.js';
import type { NewAccessKey } from '../console-api.js';
import { button, field, h } from './dom.js';
import { Notice } from './notice.js';

/** How long the CSV's object URL lives: long enough for the download to start. */
const CSV_URL_LIFETIME_MS = 10_000;

/**
 * Renders the panel for a freshly created key.
 *
 * @param key - CreateAccessKey's answer
 * @param onDone - called when the user closes the panel
 * @returns the panel element
 */
export function secretOncePanel(key: NewAccessKey, onDone: () => void): HTMLElement {
  const notice = new Notice();
  const idInput = h('input', {
    id: 'new-key-id',
    readonly: true,
    value: key.accessKeyId,
    spellcheck: 'false',
  });
  const secretInput = h('input', {
    id: 'new-key-secret',
    readonly: true,
    value: key.accessKeySecret,
    spellcheck: 'false',
  });
  const panel = h(
    'section',
    { class: 'card secret-once', 'aria-labelledby': 'secret-once-title' },
    h('h3', { id: 'secret-once-title' }, 'Save the AccessKey secret now'),
    h(
      'p',
      {},
      'This is the only time the secret is shown. It cannot be retrieved later: if it is lost, create a new AccessKey.',
    ),
    field('AccessKey ID', idInput),
    field('AccessKey Secret', secretInput),
    notice.element,
    h(
      'div',
      { class: 'actions' },
      button('Copy secret', () => void copySecret(secretInput, notice), 'secondary'),
      button('Download CSV', () => downloadCsv(key), 'secondary'),
      button('Done', () => {
        secretInput.value = '';
        panel.remove();
        onDone();
      }),
    ),
  );
  return panel;
}

async function copySecret(input: HTMLInputElement, notice: Notice): Promise<void> {
  try {
    await navigator.clipboard.writeText(input.value);
  } catch {
    // The async clipboard needs a secure context (HTTPS or localhost); fall back to selecting the text.
    input.select();
    if (!document.execCommand('copy')) {
      notice.showStatus('Copy is blocked here: the secret is selected, press Ctrl+C (⌘C) to copy it.');
      return;
    }
  }
  notice.showStatus('Secret copied to the clipboard.');
}

function downloadCsv(key: NewAccessKey): void {
  const csv = buildAccessKeyCsv(key.accessKeyId, key.accessKeySecret);
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = h('a', { href: url, download: ACCESS_KEY_CSV_FILE_NAME, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), CSV_URL_LIFETIME_MS);
}
