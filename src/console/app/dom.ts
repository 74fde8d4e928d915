// Tiny DOM helpers: build elements without innerHTML (no markup injection) and without inline handlers.

import { formatRelativeTime } from '../relative-time.js';

/** A child of {@link h}: nodes and text; `false`, `null` and `undefined` are skipped. */
export type Child = Node | string | false | null | undefined;

/** Attributes of {@link h}: `true` sets an empty attribute, `false`/`undefined` leave it out. */
export type Attrs = Readonly<Record<string, string | boolean | undefined>>;

/**
 * Creates an element with attributes and children. Event handlers are added with `addEventListener`,
 * never as `on*` attributes (the Content-Security-Policy forbids inline script).
 *
 * @param tag - the element name
 * @param attrs - attributes to set
 * @param children - nodes or text
 * @returns the element
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name.startsWith('on')) throw new Error(`inline event handler attribute ${name} is not allowed`);
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  element.append(
    ...children.filter((child): child is Node | string => typeof child === 'string' || child instanceof Node),
  );
  return element;
}

/**
 * Replaces an element's children.
 *
 * @param parent - the element to fill
 * @param children - its new children
 */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(
    ...children.filter((child): child is Node | string => typeof child === 'string' || child instanceof Node),
  );
}

/**
 * A `<time>` showing a RAM date as "3 minutes ago", with the exact date in `title` (shown on hover)
 * and `datetime`; {@link refreshRelativeTimes} keeps the phrase current.
 *
 * @param iso - a RAM date (`2026-01-02T03:04:05Z`); empty gives `fallback`
 * @param fallback - what to show for no date
 */
export function relativeTime(iso: string, fallback = '—'): HTMLElement {
  if (iso === '') return h('span', { class: 'muted' }, fallback);
  return h(
    'time',
    { datetime: iso, title: iso, 'data-relative': true },
    formatRelativeTime(new Date(iso), new Date()),
  );
}

/**
 * Re-renders every relative date under `root` against the current time.
 *
 * @param root - where to look
 */
export function refreshRelativeTimes(root: ParentNode): void {
  const now = new Date();
  for (const time of root.querySelectorAll('time[data-relative]')) {
    const iso = time.getAttribute('datetime');
    if (iso) time.textContent = formatRelativeTime(new Date(iso), now);
  }
}

/**
 * A labelled form field: `<label for>` plus the control.
 *
 * @param label - the visible label
 * @param control - an input or select with an `id`
 * @param hint - optional help text, linked by `aria-describedby`
 */
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement,
  hint?: string,
): HTMLElement {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, label),
    control,
    hint && h('small', { id: hintId, class: 'hint' }, hint),
  );
}

/**
 * A table whose cells carry their column name, so narrow screens can show each row as a card.
 *
 * @param columns - header labels
 * @param rows - one array of cells per row (text or nodes)
 * @param empty - what to show for no rows
 */
export function table(
  columns: readonly string[],
  rows: ReadonlyArray<readonly Child[]>,
  empty: string,
): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted empty' }, empty);
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...rows.map((cells) =>
        h('tr', {}, ...cells.map((cell, i) => h('td', { 'data-label': columns[i] ?? '' }, cell))),
      ),
    ),
  );
}

/**
 * A button with a click handler.
 *
 * @param label - its text
 * @param onClick - called with the button
 * @param className - e.g. `danger`, `secondary`
 */
export function button(
  label: string,
  onClick: (button: HTMLButtonElement) => void,
  className = '',
): HTMLButtonElement {
  const element = h('button', { type: 'button', class: className || undefined }, label);
  element.addEventListener('click', () => onClick(element));
  return element;
}
