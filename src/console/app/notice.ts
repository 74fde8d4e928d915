// How a page reports outcomes: a Notice for RAM errors (`Code: Message`) and successes, a ListRegion
// that loads a list so that only the newest load renders, and onSubmit for forms that report to a Notice.

import { RamApiError } from '../ram-call.js';
import { type Child, h, replaceChildren } from './dom.js';

/**
 * An `aria-live` region for a page's outcome messages: `showError` writes RAM's `Code: Message`.
 */
export class Notice {
  /** The element to place on the page. */
  readonly element = h('div', { class: 'notice', 'aria-live': 'polite' });

  /** Shows an error: a RAM error as `Code: Message` (with its RequestId), anything else by its message. */
  showError(error: unknown): void {
    const text = describeError(error);
    const requestId = error instanceof RamApiError && error.requestId ? `RequestId ${error.requestId}` : '';
    replaceChildren(
      this.element,
      h(
        'p',
        { class: 'error', role: 'alert' },
        h('strong', {}, text),
        requestId && h('small', {}, requestId),
      ),
    );
  }

  /** Shows a success message. */
  showStatus(text: string): void {
    replaceChildren(this.element, h('p', { class: 'status', role: 'status' }, text));
  }

  /** Removes the message. */
  clear(): void {
    replaceChildren(this.element);
  }

  /**
   * Runs an action with this notice as its error report; the button is disabled meanwhile.
   *
   * @returns whether the action succeeded
   */
  async run(button: HTMLButtonElement | undefined, action: () => Promise<void>): Promise<boolean> {
    if (button) button.disabled = true;
    try {
      await action();
      return true;
    } catch (error) {
      this.showError(error);
      return false;
    } finally {
      if (button) button.disabled = false;
    }
  }
}

/**
 * A region that loads and renders a list. Loads may overlap (a refresh after a change, then a filter);
 * only the newest one renders, and `aria-busy` stays true until it has.
 */
export class ListRegion {
  /** The element to place on the page. */
  readonly element = h('div', { class: 'list', 'aria-busy': 'true' });
  #generation = 0;

  /** @param notice - where a failed load is reported */
  constructor(private readonly notice: Notice) {}

  /**
   * Fetches and renders, unless a newer load started meanwhile.
   *
   * @param fetch - reads the data
   * @param render - turns it into the region's content
   */
  async load<T>(fetch: () => Promise<T>, render: (value: T) => Child): Promise<void> {
    const generation = ++this.#generation;
    this.element.setAttribute('aria-busy', 'true');
    let content: Child;
    try {
      const value = await fetch();
      if (generation !== this.#generation) return;
      content = render(value);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.notice.showError(error);
    }
    replaceChildren(this.element, content);
    this.element.setAttribute('aria-busy', 'false');
  }
}

/**
 * An error as the console shows it: `Code: Message` for RAM errors.
 *
 * @param error - anything thrown
 */
export function describeError(error: unknown): string {
  if (error instanceof RamApiError) return error.message ? `${error.code}: ${error.message}` : error.code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Handles a form's submission in script (never by navigation): runs `action` with the submit button
 * disabled and errors reported in `notice`.
 *
 * @param form - the form
 * @param submit - its submit button
 * @param notice - where errors go
 * @param action - what submitting does
 */
export function onSubmit(
  form: HTMLFormElement,
  submit: HTMLButtonElement,
  notice: Notice,
  action: () => Promise<void>,
): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void notice.run(submit, action);
  });
}
