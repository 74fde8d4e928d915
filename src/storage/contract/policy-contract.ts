/** Store contract: policies attached to users, in attach order. */
import { describe, expect, it } from 'vitest';
import { at, makePolicy, seedAccount, seedUser } from './fixtures.js';
import { expectAkmError, type OpenStore, useFreshStore } from './store-harness.js';

/** Registers the policy attachment tests. */
export function describePolicyContract(openStore: OpenStore): void {
  describe('policies', () => {
    const store = useFreshStore(openStore);

    it('lists attachments in attach order with every field', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      // Same attach date and non-alphabetical names: only insertion order explains the result.
      const attachments = [
        makePolicy('ZPolicy', 'System', at(30)),
        makePolicy('APolicy', 'Custom', at(30)),
        makePolicy('MPolicy', 'System', at(31)),
      ];
      for (const p of attachments) await store().attachPolicy(account.accountId, user.userId, p);
      expect(await store().listPolicies(account.accountId, user.userId)).toEqual(attachments);
    });

    it('refuses the same name and type twice (POLICY_ALREADY_ATTACHED) but not another type', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      await store().attachPolicy(account.accountId, user.userId, makePolicy('ReadOnlyAccess', 'System'));
      await expectAkmError(
        store().attachPolicy(account.accountId, user.userId, makePolicy('ReadOnlyAccess', 'System', at(99))),
        'POLICY_ALREADY_ATTACHED',
      );
      await store().attachPolicy(account.accountId, user.userId, makePolicy('ReadOnlyAccess', 'Custom'));
      expect(await store().listPolicies(account.accountId, user.userId)).toEqual([
        makePolicy('ReadOnlyAccess', 'System'),
        makePolicy('ReadOnlyAccess', 'Custom'),
      ]);
    });

    it('refuses to attach to an unknown user (USER_NOT_FOUND)', async () => {
      const { account } = await seedAccount(store());
      const attach = store().attachPolicy(
        account.accountId,
        '2099999999999999',
        makePolicy('ReadOnlyAccess'),
      );
      await expectAkmError(attach, 'USER_NOT_FOUND');
    });

    it('detaches by name and type, returning false when not attached', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      await store().attachPolicy(account.accountId, user.userId, makePolicy('A'));
      await store().attachPolicy(account.accountId, user.userId, makePolicy('B'));
      expect(await store().detachPolicy(account.accountId, user.userId, 'A', 'Custom')).toBe(false);
      expect(await store().detachPolicy(account.accountId, user.userId, 'A', 'System')).toBe(true);
      expect(await store().detachPolicy(account.accountId, user.userId, 'A', 'System')).toBe(false);
      expect(await store().listPolicies(account.accountId, user.userId)).toEqual([makePolicy('B')]);
    });

    it('puts a re-attached policy last', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      for (const name of ['A', 'B', 'C'])
        await store().attachPolicy(account.accountId, user.userId, makePolicy(name));
      await store().detachPolicy(account.accountId, user.userId, 'A', 'System');
      await store().attachPolicy(account.accountId, user.userId, makePolicy('A'));
      const names = (await store().listPolicies(account.accountId, user.userId)).map((p) => p.policyName);
      expect(names).toEqual(['B', 'C', 'A']);
    });

    it('lists nothing for a user without policies or an unknown user', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      expect(await store().listPolicies(account.accountId, user.userId)).toEqual([]);
      expect(await store().listPolicies(account.accountId, '2099999999999999')).toEqual([]);
    });
  });
}
