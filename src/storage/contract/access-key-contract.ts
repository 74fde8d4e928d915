/** Store contract: AccessKey pairs of roots and users, their limit, status and deletion. */
import { describe, expect, it } from 'vitest';
import { isAkmError } from '../../domain/errors.js';
import { MAX_ACCESS_KEYS_PER_OWNER } from '../../domain/limits.js';
import {
  at,
  makeRootKey,
  makeUserKey,
  rootOwner,
  seedAccount,
  seedUser,
  seedUserKey,
  userOwner,
} from './fixtures.js';
import { expectAkmError, type OpenStore, useFreshStore } from './store-harness.js';

/** Registers the AccessKey tests. */
export function describeAccessKeyContract(openStore: OpenStore): void {
  describe('access keys', () => {
    const store = useFreshStore(openStore);

    it('round-trips a user key and returns undefined for an unknown id', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      const key = await seedUserKey(store(), user, { status: 'Inactive', lastUsedDate: at(40) });
      expect(await store().getAccessKey(key.accessKeyId)).toEqual(key);
      expect(await store().getAccessKey('LTAI-unknown')).toBeUndefined();
    });

    it("keeps root keys and users' keys apart when listing", async () => {
      const { account, rootKey } = await seedAccount(store());
      const alice = await seedUser(store(), account.accountId, 'alice');
      const bob = await seedUser(store(), account.accountId, 'bob');
      const aliceKey = await seedUserKey(store(), alice);
      expect(await store().listAccessKeys(rootOwner(account.accountId))).toEqual([rootKey]);
      expect(await store().listAccessKeys(userOwner(alice))).toEqual([aliceKey]);
      expect(await store().listAccessKeys(userOwner(bob))).toEqual([]);
    });

    it('lists oldest first, then by AccessKeyId', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      const newer = await seedUserKey(store(), user, { createDate: at(200) });
      const older = await seedUserKey(store(), user, { createDate: at(100) });
      expect(await store().listAccessKeys(userOwner(user))).toEqual([older, newer]);

      const other = await seedUser(store(), account.accountId, 'bob');
      const keyB = await seedUserKey(store(), other, { accessKeyId: 'LTAI-same-time-b', createDate: at(5) });
      const keyA = await seedUserKey(store(), other, { accessKeyId: 'LTAI-same-time-a', createDate: at(5) });
      expect(await store().listAccessKeys(userOwner(other))).toEqual([keyA, keyB]);
    });

    it('allows two keys per owner (ACCESS_KEY_LIMIT_EXCEEDED), counted per owner', async () => {
      const { account } = await seedAccount(store());
      const root = rootOwner(account.accountId);
      await store().createAccessKey(makeRootKey(account.accountId), MAX_ACCESS_KEYS_PER_OWNER);
      const third = makeRootKey(account.accountId);
      await expectAkmError(
        store().createAccessKey(third, MAX_ACCESS_KEYS_PER_OWNER),
        'ACCESS_KEY_LIMIT_EXCEEDED',
      );
      expect(await store().listAccessKeys(root)).toHaveLength(2);
      expect(await store().getAccessKey(third.accessKeyId)).toBeUndefined();

      // A full root does not stop a user, and a full user does not stop another user.
      const alice = await seedUser(store(), account.accountId, 'alice');
      await seedUserKey(store(), alice);
      await seedUserKey(store(), alice);
      await expectAkmError(seedUserKey(store(), alice), 'ACCESS_KEY_LIMIT_EXCEEDED');
      const bob = await seedUser(store(), account.accountId, 'bob');
      await seedUserKey(store(), bob);
    });

    it('holds the limit under 20 concurrent creates for one owner', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      const keys = Array.from({ length: 20 }, () => makeUserKey(user));
      const results = await Promise.allSettled(
        keys.map((key) => store().createAccessKey(key, MAX_ACCESS_KEYS_PER_OWNER)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
      const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(rejected.map((e) => (isAkmError(e) ? e.code : e))).toEqual(
        Array(18).fill('ACCESS_KEY_LIMIT_EXCEEDED'),
      );
      expect(await store().listAccessKeys(userOwner(user))).toHaveLength(2);
    });

    it('refuses a key for a user that does not exist in that account (USER_NOT_FOUND)', async () => {
      const a = await seedAccount(store());
      const b = await seedAccount(store());
      const alice = await seedUser(store(), a.account.accountId, 'alice');
      await expectAkmError(seedUserKey(store(), { ...alice, userId: '2099999999999999' }), 'USER_NOT_FOUND');
      await expectAkmError(
        seedUserKey(store(), { ...alice, accountId: b.account.accountId }),
        'USER_NOT_FOUND',
      );
    });

    it('updates status only through the owning owner', async () => {
      const { account, rootKey } = await seedAccount(store());
      const alice = await seedUser(store(), account.accountId, 'alice');
      const bob = await seedUser(store(), account.accountId, 'bob');
      const key = await seedUserKey(store(), alice);
      const root = rootOwner(account.accountId);

      expect(await store().updateAccessKeyStatus(root, key.accessKeyId, 'Inactive')).toBe(false);
      expect(await store().updateAccessKeyStatus(userOwner(bob), key.accessKeyId, 'Inactive')).toBe(false);
      expect(await store().updateAccessKeyStatus(userOwner(alice), rootKey.accessKeyId, 'Inactive')).toBe(
        false,
      );
      expect(await store().updateAccessKeyStatus(userOwner(alice), 'LTAI-unknown', 'Inactive')).toBe(false);
      expect(await store().getAccessKey(key.accessKeyId)).toEqual(key);
      expect(await store().getAccessKey(rootKey.accessKeyId)).toEqual(rootKey);

      expect(await store().updateAccessKeyStatus(userOwner(alice), key.accessKeyId, 'Inactive')).toBe(true);
      expect((await store().getAccessKey(key.accessKeyId))?.status).toBe('Inactive');
      expect(await store().updateAccessKeyStatus(root, rootKey.accessKeyId, 'Inactive')).toBe(true);
      expect(await store().updateAccessKeyStatus(root, rootKey.accessKeyId, 'Active')).toBe(true);
      expect(await store().getAccessKey(rootKey.accessKeyId)).toEqual(rootKey);
    });

    it('deletes only through the owning owner', async () => {
      const { account, rootKey } = await seedAccount(store());
      const alice = await seedUser(store(), account.accountId, 'alice');
      const key = await seedUserKey(store(), alice);
      const root = rootOwner(account.accountId);

      expect(await store().deleteAccessKey(root, key.accessKeyId)).toBe(false);
      expect(await store().deleteAccessKey(userOwner(alice), rootKey.accessKeyId)).toBe(false);
      expect(await store().getAccessKey(key.accessKeyId)).toEqual(key);

      expect(await store().deleteAccessKey(userOwner(alice), key.accessKeyId)).toBe(true);
      expect(await store().getAccessKey(key.accessKeyId)).toBeUndefined();
      expect(await store().deleteAccessKey(userOwner(alice), key.accessKeyId)).toBe(false);
      expect(await store().deleteAccessKey(root, rootKey.accessKeyId)).toBe(true);
      expect(await store().listAccessKeys(root)).toEqual([]);
    });
  });
}
