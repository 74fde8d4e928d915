// A user's attached system policies: attach one of the system policies, detach.

import { type ConsoleApi, type ConsolePolicy, SYSTEM_POLICY_NAMES } from '../console-api.js';
import { button, field, h, relativeTime, replaceChildren, table } from './dom.js';
import { ListRegion, Notice, onSubmit } from './notice.js';

/**
 * The permissions section of a user page.
 *
 * @param api - the signed-in client
 * @param userName - whose policies
 * @returns the section element (it loads itself)
 */
export function policiesSection(api: ConsoleApi, userName: string): HTMLElement {
  const notice = new Notice();
  const list = new ListRegion(notice);
  const choice = h('select', { id: 'attach-policy', name: 'policyName', required: true });
  const attach = h('button', { type: 'submit' }, 'Attach');
  const form = h('form', { class: 'toolbar' }, field('System policy', choice), attach);

  const load = () => list.load(() => api.listPoliciesForUser(userName), render);

  const change = async (policyName: string, attached: boolean) => {
    await api.setPolicyAttached(userName, policyName, attached);
    notice.showStatus(`${policyName} ${attached ? 'attached to' : 'detached from'} ${userName}.`);
    await load();
  };

  const render = (policies: readonly ConsolePolicy[]) => {
    const attached = new Set(policies.map((p) => p.policyName));
    const available = SYSTEM_POLICY_NAMES.filter((name) => !attached.has(name));
    replaceChildren(choice, ...available.map((name) => h('option', { value: name }, name)));
    form.hidden = available.length === 0;
    return table(
      ['Policy', 'Type', 'Description', 'Attached', 'Actions'],
      policies.map((policy) => [
        h('code', {}, policy.policyName),
        policy.policyType,
        policy.description,
        relativeTime(policy.attachDate),
        button(
          'Detach',
          (b) => void notice.run(b, () => change(policy.policyName, false)),
          'secondary small',
        ),
      ]),
      'No policies attached.',
    );
  };

  onSubmit(form, attach, notice, () => change(choice.value, true));
  void load();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'policies-title' },
    h('h2', { id: 'policies-title' }, 'Permissions'),
    notice.element,
    list.element,
    form,
  );
}
