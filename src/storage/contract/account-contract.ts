/** Store contract: accounts, their root key and default preferences. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_PREFERENCE } from '../../domain/entities.js';
import { makeAccount, makeRootKey, rootOwner, seedAccount } from './fixtures.js';
import { expectAkmError, type OpenStore, useFreshStore } from './store-harness.js';

/** Registers the account tests. */
export function describeAccountContract(openStore: OpenStore): void {
  describe('accounts', () => {
    const store = useFreshStore(openStore);

    it('stores an account and finds it by id', async () => {
      const { account } = await seedAccount(store());
      expect(await store().getAccount(account.accountId)).toEqual(account);
    });

    it('returns undefined for an unknown account', async () => {
      expect(await store().getAccount('1099999999999999')).toBeUndefined();
    });

    it('stores the root key with the account', async () => {
      const { account, rootKey } = await seedAccount(store());
      expect(await store().getAccessKey(rootKey.accessKeyId)).toEqual(rootKey);
      expect(await store().listAccessKeys(rootOwner(account.accountId))).toEqual([rootKey]);
    });

    it('gives a new account the default security preference', async () => {
      const { account } = await seedAccount(store());
      expect(await store().getSecurityPreference(account.accountId)).toEqual(DEFAULT_SECURITY_PREFERENCE);
    });

    it('creates nothing when any part of account creation fails', async () => {
      const { rootKey } = await seedAccount(store());
      const second = makeAccount();
      // Reusing an existing AccessKeyId makes the root key insert, the last step, fail.
      const clash = makeRootKey(second.accountId, { accessKeyId: rootKey.accessKeyId });
      await expect(store().createAccount(second, clash)).rejects.toThrow();
      expect(await store().getAccount(second.accountId)).toBeUndefined();
      expect(await store().listAccessKeys(rootOwner(second.accountId))).toEqual([]);
    });

    it('refuses a root key for an unknown account (ACCOUNT_NOT_FOUND)', async () => {
      const orphan = makeRootKey('1088888888888888');
      await expectAkmError(store().createAccessKey(orphan, 2), 'ACCOUNT_NOT_FOUND');
    });
  });
}
