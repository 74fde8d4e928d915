// The users page: a paged list with a name filter, create, and delete with confirmation (RAM's
// DeleteConflict reason shown when it refuses).

import type { ConsoleApi, ConsoleUser } from '../console-api.js';
import { userHref } from '../routes.js';
import { type ShownPage, UserPager } from '../user-pager.js';
import { confirmAction } from './confirm-dialog.js';
import { button, field, h, relativeTime, replaceChildren, table } from './dom.js';
import { ListRegion, Notice, onSubmit } from './notice.js';

const PAGE_SIZES = ['10', '20', '50', '100'];
const DEFAULT_PAGE_SIZE = '20';

/**
 * Renders the users page.
 *
 * @param view - where to render
 * @param api - the signed-in client
 */
export function renderUsersPage(view: HTMLElement, api: ConsoleApi): void {
  const notice = new Notice();
  const list = new ListRegion(notice);
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  const filterInput = h('input', { id: 'user-filter', type: 'search', name: 'filter', autocomplete: 'off' });
  const pageSize = h('select', { id: 'user-page-size', name: 'pageSize' });
  pageSize.append(
    ...PAGE_SIZES.map((size) => h('option', { value: size, selected: size === DEFAULT_PAGE_SIZE }, size)),
  );
  const listUsers = api.listUsers.bind(api);
  let users = new UserPager(listUsers, Number(pageSize.value), '');

  const show = (load: () => Promise<ShownPage>) => list.load(load, renderPage);

  const renderPage = (page: ShownPage) => {
    replaceChildren(
      pager,
      pagerButton('Previous', page.hasPrevious, () => show(() => users.previous())),
      h('span', { class: 'page-number' }, `Page ${page.pageNumber}`),
      pagerButton('Next', page.hasNext, () => show(() => users.next())),
    );
    return table(
      ['User name', 'Display name', 'Created', 'Actions'],
      page.users.map((user) => [
        h('a', { href: userHref(user.userName) }, user.userName),
        user.displayName,
        relativeTime(user.createDate),
        button('Delete', (b) => void deleteUser(user, b), 'danger small'),
      ]),
      users.isFiltered ? 'No user matches this filter.' : 'No users yet.',
    );
  };

  const deleteUser = async (user: ConsoleUser, trigger: HTMLButtonElement) => {
    const confirmed = await confirmAction({
      title: `Delete user ${user.userName}?`,
      message: 'RAM refuses while the user still has AccessKeys or attached policies.',
      confirmLabel: 'Delete user',
    });
    if (!confirmed) return;
    if (await notice.run(trigger, () => api.deleteUser(user.userName))) {
      notice.showStatus(`User ${user.userName} deleted.`);
      await show(() => users.refresh());
    }
  };

  const filterForm = h(
    'form',
    { class: 'toolbar', role: 'search' },
    field('Filter by name', filterInput),
    field('Users per page', pageSize),
    h('button', { type: 'submit', class: 'secondary' }, 'Apply'),
  );
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    users = new UserPager(listUsers, Number(pageSize.value), filterInput.value);
    void show(() => users.current());
  });

  view.replaceChildren(
    h('h1', {}, 'Users'),
    createUserForm(api, notice, (user) => {
      notice.showStatus(`User ${user.userName} created.`);
      void show(() => users.refresh());
    }),
    notice.element,
    filterForm,
    list.element,
    pager,
  );
  void show(() => users.current());
}

function pagerButton(label: string, enabled: boolean, onClick: () => Promise<void>): HTMLButtonElement {
  const element = button(label, () => void onClick(), 'secondary');
  element.disabled = !enabled;
  return element;
}

function createUserForm(
  api: ConsoleApi,
  notice: Notice,
  onCreated: (user: ConsoleUser) => void,
): HTMLElement {
  const userName = h('input', {
    id: 'new-user-name',
    name: 'userName',
    required: true,
    maxlength: '64',
    autocomplete: 'off',
  });
  const displayName = h('input', {
    id: 'new-user-display-name',
    name: 'displayName',
    maxlength: '128',
    autocomplete: 'off',
  });
  const submit = h('button', { type: 'submit' }, 'Create user');
  const form = h(
    'form',
    { class: 'card create-user', 'aria-labelledby': 'create-user-title' },
    h('h2', { id: 'create-user-title' }, 'Create user'),
    h(
      'div',
      { class: 'row' },
      field('User name', userName, 'Letters, digits, and . @ - _ (at most 64).'),
      field('Display name (optional)', displayName),
    ),
    h('div', { class: 'actions' }, submit),
  );
  onSubmit(form, submit, notice, async () => {
    const user = await api.createUser(userName.value.trim(), displayName.value.trim());
    form.reset();
    onCreated(user);
  });
  return form;
}
