/** Store contract: creating, finding and updating users, with case-insensitive unique names. */
import { describe, expect, it } from 'vitest';
import { MAX_USERS_PER_ACCOUNT } from '../../domain/limits.js';
import { at, makeUser, seedAccount, seedUser } from './fixtures.js';
import { expectAkmError, type OpenStore, useFreshStore } from './store-harness.js';

/** Registers the user create/read/update tests. */
export function describeUserContract(openStore: OpenStore): void {
  describe('users', () => {
    const store = useFreshStore(openStore);

    it('round-trips every field by id and by name', async () => {
      const { account } = await seedAccount(store());
      const user = makeUser(account.accountId, 'alice', { lastLoginDate: at(99) });
      await store().createUser(user, MAX_USERS_PER_ACCOUNT);
      expect(await store().getUserById(account.accountId, user.userId)).toEqual(user);
      expect(await store().getUserByName(account.accountId, 'alice')).toEqual(user);
    });

    it('returns undefined for unknown users', async () => {
      const { account } = await seedAccount(store());
      expect(await store().getUserById(account.accountId, '2099999999999999')).toBeUndefined();
      expect(await store().getUserByName(account.accountId, 'nobody')).toBeUndefined();
    });

    it('finds a user by name in any case and keeps the stored spelling', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'Alice.Smith');
      expect(await store().getUserByName(account.accountId, 'ALICE.SMITH')).toEqual(user);
      expect((await store().getUserByName(account.accountId, 'alice.smith'))?.userName).toBe('Alice.Smith');
    });

    it('refuses a name that differs only in case (USER_ALREADY_EXISTS)', async () => {
      const { account } = await seedAccount(store());
      await seedUser(store(), account.accountId, 'alice');
      const clash = makeUser(account.accountId, 'Alice');
      await expectAkmError(store().createUser(clash, MAX_USERS_PER_ACCOUNT), 'USER_ALREADY_EXISTS');
      expect(await store().getUserById(account.accountId, clash.userId)).toBeUndefined();
    });

    it('allows the same name in another account', async () => {
      const a = await seedAccount(store());
      const b = await seedAccount(store());
      await seedUser(store(), a.account.accountId, 'alice');
      const other = await seedUser(store(), b.account.accountId, 'ALICE');
      expect(await store().getUserByName(b.account.accountId, 'alice')).toEqual(other);
    });

    it('enforces the per-account user limit (USER_LIMIT_EXCEEDED)', async () => {
      const a = await seedAccount(store());
      const b = await seedAccount(store());
      for (const name of ['u1', 'u2', 'u3']) await store().createUser(makeUser(a.account.accountId, name), 3);
      await expectAkmError(store().createUser(makeUser(a.account.accountId, 'u4'), 3), 'USER_LIMIT_EXCEEDED');
      expect(await store().getUserByName(a.account.accountId, 'u4')).toBeUndefined();
      // The limit counts one account's users only.
      await store().createUser(makeUser(b.account.accountId, 'u4'), 3);
    });

    it('refuses a user in an unknown account (ACCOUNT_NOT_FOUND)', async () => {
      const user = makeUser('1077777777777777', 'ghost');
      await expectAkmError(store().createUser(user, MAX_USERS_PER_ACCOUNT), 'ACCOUNT_NOT_FOUND');
    });

    it('updates only the given fields and returns the stored user', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      const updated = await store().updateUser(account.accountId, user.userId, {
        displayName: 'Alice A.',
        comments: '',
        updateDate: at(500),
      });
      expect(updated).toEqual({ ...user, displayName: 'Alice A.', comments: '', updateDate: at(500) });
      expect(await store().getUserById(account.accountId, user.userId)).toEqual(updated);
    });

    it('round-trips a path and changes it without touching other fields', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice', { path: '/division/team/' });
      expect(await store().getUserByName(account.accountId, 'alice')).toEqual(user);
      const moved = await store().updateUser(account.accountId, user.userId, {
        path: '/other/',
        updateDate: at(550),
      });
      expect(moved).toEqual({ ...user, path: '/other/', updateDate: at(550) });
    });

    it('renames a user, freeing the old name', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      const renamed = await store().updateUser(account.accountId, user.userId, {
        userName: 'Alicia',
        updateDate: at(600),
      });
      expect(renamed.userName).toBe('Alicia');
      expect(await store().getUserByName(account.accountId, 'alice')).toBeUndefined();
      expect(await store().getUserByName(account.accountId, 'ALICIA')).toEqual(renamed);
      await seedUser(store(), account.accountId, 'alice');
    });

    it('allows a rename that only changes the case of the same name', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      const changes = { userName: 'ALICE', updateDate: at(700) };
      const renamed = await store().updateUser(account.accountId, user.userId, changes);
      expect(renamed.userName).toBe('ALICE');
    });

    it("refuses a rename to another user's name in any case (USER_ALREADY_EXISTS)", async () => {
      const { account } = await seedAccount(store());
      const alice = await seedUser(store(), account.accountId, 'alice');
      const bob = await seedUser(store(), account.accountId, 'bob');
      const changes = { userName: 'ALICE', displayName: 'changed', updateDate: at(800) };
      await expectAkmError(store().updateUser(account.accountId, bob.userId, changes), 'USER_ALREADY_EXISTS');
      expect(await store().getUserById(account.accountId, bob.userId)).toEqual(bob);
      expect(await store().getUserById(account.accountId, alice.userId)).toEqual(alice);
    });

    it('refuses to update an unknown user (USER_NOT_FOUND)', async () => {
      const { account } = await seedAccount(store());
      const changes = { displayName: 'x', updateDate: at(900) };
      await expectAkmError(
        store().updateUser(account.accountId, '2099999999999999', changes),
        'USER_NOT_FOUND',
      );
    });
  });
}
