// Sign-in: an AccessKey pair, verified by one signed call before the console opens.

import { ConsoleApi } from '../console-api.js';
import { type ConsoleCredentials, RamApiError, type RamEndpoint } from '../ram-call.js';
import { field, h } from './dom.js';
import { Notice, onSubmit } from './notice.js';

/** Errors that prove the signature was accepted: the key is valid but lacks this permission. */
const AUTHENTICATED_DENIALS = new Set(['NoPermission', 'Forbidden.RAM']);

/**
 * Renders the sign-in form.
 *
 * @param view - where to render
 * @param endpoint - the API (the page's own origin)
 * @param onSignedIn - called with a verified client and whether to keep it across reloads
 */
export function renderSignIn(
  view: HTMLElement,
  endpoint: RamEndpoint,
  onSignedIn: (api: ConsoleApi, stayAcrossReloads: boolean) => void,
): void {
  const notice = new Notice();
  const id = h('input', {
    id: 'sign-in-id',
    name: 'accessKeyId',
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const secret = h('input', {
    id: 'sign-in-secret',
    name: 'accessKeySecret',
    type: 'password',
    required: true,
    autocomplete: 'off',
  });
  const stay = h('input', { id: 'sign-in-stay', type: 'checkbox', checked: true });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in to akm'),
    h(
      'p',
      { class: 'muted' },
      `Use an AccessKey pair of this server (${endpoint.host}). Requests are signed in this browser; the secret is never sent.`,
    ),
    field('AccessKey ID', id),
    field('AccessKey Secret', secret),
    h(
      'div',
      { class: 'field checkbox' },
      stay,
      h('label', { for: stay.id }, 'Stay signed in if this tab reloads (kept in this tab only)'),
    ),
    notice.element,
    h('div', { class: 'actions' }, submit),
  );
  onSubmit(form, submit, notice, async () => {
    const credentials: ConsoleCredentials = { accessKeyId: id.value.trim(), accessKeySecret: secret.value };
    const api = new ConsoleApi(endpoint, credentials);
    await verifySignature(api);
    secret.value = '';
    onSignedIn(api, stay.checked);
  });
  view.replaceChildren(form);
  id.focus();
}

/** One read call: any answer but a signature or key error means the pair is good. */
async function verifySignature(api: ConsoleApi): Promise<void> {
  try {
    await api.allowUserToManageAccessKeys();
  } catch (error) {
    if (!(error instanceof RamApiError && AUTHENTICATED_DENIALS.has(error.code))) throw error;
  }
}
