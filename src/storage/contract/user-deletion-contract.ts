/** Store contract: deleting users, refused while they still hold keys or policies. */
import { describe, expect, it } from 'vitest';
import { makePolicy, seedAccount, seedUser, seedUserKey, userOwner } from './fixtures.js';
import { expectAkmError, type OpenStore, useFreshStore } from './store-harness.js';

/** Registers the user deletion tests. */
export function describeUserDeletionContract(openStore: OpenStore): void {
  describe('deleting users', () => {
    const store = useFreshStore(openStore);

    it('deletes a user without keys or policies and frees the name', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      await store().deleteUser(account.accountId, user.userId);
      expect(await store().getUserById(account.accountId, user.userId)).toBeUndefined();
      expect(await store().getUserByName(account.accountId, 'alice')).toBeUndefined();
      expect(await store().listUsers(account.accountId, { limit: 10 })).toEqual([]);
      await seedUser(store(), account.accountId, 'ALICE');
    });

    it('refuses while the user has keys, reporting keys before policies', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      const key = await seedUserKey(store(), user);
      await store().attachPolicy(account.accountId, user.userId, makePolicy('ReadOnlyAccess'));
      await expectAkmError(store().deleteUser(account.accountId, user.userId), 'USER_HAS_ACCESS_KEYS');

      await store().deleteAccessKey(userOwner(user), key.accessKeyId);
      await expectAkmError(store().deleteUser(account.accountId, user.userId), 'USER_HAS_POLICIES');
      expect(await store().getUserById(account.accountId, user.userId)).toEqual(user);

      await store().detachPolicy(account.accountId, user.userId, 'ReadOnlyAccess', 'System');
      await store().deleteUser(account.accountId, user.userId);
      expect(await store().getUserById(account.accountId, user.userId)).toBeUndefined();
    });

    it('refuses to delete an unknown user (USER_NOT_FOUND)', async () => {
      const { account } = await seedAccount(store());
      await expectAkmError(store().deleteUser(account.accountId, '2099999999999999'), 'USER_NOT_FOUND');
    });

    it('refuses a key for a deleted user (USER_NOT_FOUND)', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      await store().deleteUser(account.accountId, user.userId);
      await expectAkmError(seedUserKey(store(), user), 'USER_NOT_FOUND');
    });
  });
}
