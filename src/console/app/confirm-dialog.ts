// A modal confirmation (a native <dialog>) before anything is deleted.

import { button, h } from './dom.js';

/** What the dialog asks. */
export interface ConfirmOptions {
  readonly title: string;
  readonly message: string;
  /** The confirming button's label, e.g. `Delete user`. */
  readonly confirmLabel: string;
}

/**
 * Asks for confirmation in a modal dialog; Escape and Cancel decline.
 *
 * @param options - see {@link ConfirmOptions}
 * @returns whether the user confirmed
 */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' });
    const close = (confirmed: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(confirmed);
    };
    const cancel = button('Cancel', () => close(false), 'secondary');
    dialog.append(
      h('h2', { id: 'confirm-title' }, options.title),
      h('p', {}, options.message),
      h(
        'div',
        { class: 'actions' },
        cancel,
        button(options.confirmLabel, () => close(true), 'danger'),
      ),
    );
    // Escape: the browser closes the dialog itself; report it as declined.
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
