/** Store contract: one account can neither see nor change another account's users, keys or policies. */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../domain/ports.js';
import { at, makePolicy, rootOwner, seedAccount, seedUser, seedUserKey, userOwner } from './fixtures.js';
import { expectAkmError, type OpenStore, useFreshStore } from './store-harness.js';

/** Account A with a user holding a key and a policy, and an empty account B. */
async function seedTwoTenants(store: Store) {
  const a = await seedAccount(store);
  const b = await seedAccount(store);
  const alice = await seedUser(store, a.account.accountId, 'alice');
  const aliceKey = await seedUserKey(store, alice);
  await store.attachPolicy(a.account.accountId, alice.userId, makePolicy('ReadOnlyAccess'));
  return { a, alice, aliceKey, otherId: b.account.accountId };
}

/** Registers the tenant isolation tests. */
export function describeIsolationContract(openStore: OpenStore): void {
  describe('tenant isolation', () => {
    const store = useFreshStore(openStore);

    it("does not show account A's user, keys or policies through account B", async () => {
      const { alice, otherId } = await seedTwoTenants(store());
      const borrowed = { accountId: otherId, userId: alice.userId };
      expect(await store().getUserByName(otherId, 'alice')).toBeUndefined();
      expect(await store().getUserById(otherId, alice.userId)).toBeUndefined();
      expect(await store().listUsers(otherId, { limit: 10 })).toEqual([]);
      expect(await store().listAccessKeys(userOwner(borrowed))).toEqual([]);
      expect(await store().listPolicies(otherId, alice.userId)).toEqual([]);
    });

    it("does not let account B change account A's user, keys or policies", async () => {
      const { a, alice, aliceKey, otherId } = await seedTwoTenants(store());
      const borrowed = userOwner({ accountId: otherId, userId: alice.userId });
      const changes = { displayName: 'hijacked', updateDate: at(999) };
      await expectAkmError(store().updateUser(otherId, alice.userId, changes), 'USER_NOT_FOUND');
      await expectAkmError(store().deleteUser(otherId, alice.userId), 'USER_NOT_FOUND');
      expect(await store().updateAccessKeyStatus(borrowed, aliceKey.accessKeyId, 'Inactive')).toBe(false);
      expect(await store().deleteAccessKey(borrowed, aliceKey.accessKeyId)).toBe(false);
      const otherRoot = rootOwner(otherId);
      expect(await store().updateAccessKeyStatus(otherRoot, a.rootKey.accessKeyId, 'Inactive')).toBe(false);
      expect(await store().deleteAccessKey(otherRoot, a.rootKey.accessKeyId)).toBe(false);
      await expectAkmError(
        store().attachPolicy(otherId, alice.userId, makePolicy('Admin')),
        'USER_NOT_FOUND',
      );
      expect(await store().detachPolicy(otherId, alice.userId, 'ReadOnlyAccess', 'System')).toBe(false);
      await expectAkmError(seedUserKey(store(), { ...alice, accountId: otherId }), 'USER_NOT_FOUND');

      expect(await store().getUserById(a.account.accountId, alice.userId)).toEqual(alice);
      expect(await store().getAccessKey(aliceKey.accessKeyId)).toEqual(aliceKey);
      expect(await store().getAccessKey(a.rootKey.accessKeyId)).toEqual(a.rootKey);
      expect(await store().listPolicies(a.account.accountId, alice.userId)).toEqual([
        makePolicy('ReadOnlyAccess'),
      ]);
    });
  });
}
