/** Store contract: importBatch (akm dev seed) writes accounts, users and keys at once, or nothing. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_PREFERENCE } from '../../domain/entities.js';
import { makeAccount, makeRootKey, makeUser, makeUserKey, rootOwner, userOwner } from './fixtures.js';
import { type OpenStore, useFreshStore } from './store-harness.js';

/** Registers the bulk import tests. */
export function describeBulkImportContract(openStore: OpenStore): void {
  describe('bulk import', () => {
    const store = useFreshStore(openStore);

    it('imports accounts with default preferences, their users and keys, readable as if created one by one', async () => {
      const accounts = [makeAccount(), makeAccount()];
      const [a = makeAccount(), b = makeAccount()] = accounts;
      const users = Array.from({ length: 150 }, (_, i) =>
        makeUser(i % 2 ? a.accountId : b.accountId, `user-${i}`),
      );
      const keys = [
        makeRootKey(a.accountId),
        ...users.flatMap((user) => [makeUserKey(user), makeUserKey(user)]),
      ];
      await store().importBatch({ accounts, users, keys });

      expect(await store().getAccount(b.accountId)).toEqual(b);
      expect(await store().getSecurityPreference(a.accountId)).toEqual(DEFAULT_SECURITY_PREFERENCE);
      expect(await store().countUsers(a.accountId)).toBe(75);
      const user = users[7] ?? users[0];
      if (!user) throw new Error('no users');
      expect(await store().getUserByName(user.accountId, user.userName)).toEqual(user);
      expect(await store().listAccessKeys(userOwner(user))).toHaveLength(2);
      expect(await store().listAccessKeys(rootOwner(a.accountId))).toEqual([keys[0]]);
      const last = keys[keys.length - 1];
      expect(last && (await store().getAccessKey(last.accessKeyId))).toEqual(last);
    });

    it('writes nothing when any row fails', async () => {
      const account = makeAccount();
      const user = makeUser(account.accountId, 'alice');
      const key = makeUserKey(user);
      const outcome = await store()
        .importBatch({ accounts: [account], users: [user], keys: [key, key] })
        .then(
          () => 'imported',
          () => 'failed',
        );
      expect(outcome).toBe('failed');
      expect(await store().getAccount(account.accountId)).toBeUndefined();
      expect(await store().getAccessKey(key.accessKeyId)).toBeUndefined();
    });
  });
}
