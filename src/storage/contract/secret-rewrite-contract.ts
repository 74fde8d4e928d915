/** Store contract: re-sealing every secret in one transaction, and the seal fence on new secrets. */
import { describe, expect, it } from 'vitest';
import type { AccessKey } from '../../domain/entities.js';
import { MAX_ACCESS_KEYS_PER_OWNER } from '../../domain/limits.js';
import type { Store } from '../../domain/ports.js';
import { SEAL_FENCE_META } from '../../domain/seal-fence.js';
import { makeAccount, makeRootKey, makeUserKey, seedAccount, seedUser, seedUserKey } from './fixtures.js';
import { expectAkmError, type OpenStore, useFreshStore } from './store-harness.js';

/** Two accounts, a user with two keys: four keys in all. */
async function seedKeys(store: Store): Promise<AccessKey[]> {
  const first = await seedAccount(store);
  const second = await seedAccount(store);
  const user = await seedUser(store, first.account.accountId, 'alice');
  const userKeys = [await seedUserKey(store, user), await seedUserKey(store, user, { status: 'Inactive' })];
  return [first.rootKey, second.rootKey, ...userKeys];
}

/** Every key as stored now, in the order of `keys`. */
async function reread(store: Store, keys: readonly AccessKey[]): Promise<(AccessKey | undefined)[]> {
  return Promise.all(keys.map((key) => store.getAccessKey(key.accessKeyId)));
}

/** Registers the secret rewrite and seal fence tests. */
export function describeSecretRewriteContract(openStore: OpenStore): void {
  describe('rewriting secrets', () => {
    const store = useFreshStore(openStore);

    it('replaces every sealed secret with what the rewrite returns, and nothing else', async () => {
      const keys = await seedKeys(store());
      const seen: [string, string][] = [];
      const count = await store().rewriteSecrets((id, sealed) => {
        seen.push([id, sealed]);
        return `new:${id}`;
      }, {});
      expect(count).toBe(keys.length);
      expect(seen.sort()).toEqual(
        keys.map((k): [string, string] => [k.accessKeyId, k.encryptedSecret]).sort(),
      );
      expect(await reread(store(), keys)).toEqual(
        keys.map((k) => ({ ...k, encryptedSecret: `new:${k.accessKeyId}` })),
      );
    });

    it('sets the meta entries with the secrets', async () => {
      await seedKeys(store());
      await store().setMeta('check', 'old');
      await store().rewriteSecrets((_, sealed) => sealed, { check: 'new', [SEAL_FENCE_META]: 'new:' });
      expect([await store().getMeta('check'), await store().getMeta(SEAL_FENCE_META)]).toEqual([
        'new',
        'new:',
      ]);
    });

    it('changes nothing when the rewrite throws part-way', async () => {
      const keys = await seedKeys(store());
      await store().setMeta('check', 'old');
      let calls = 0;
      const failing = store().rewriteSecrets(
        () => {
          calls += 1;
          if (calls === 3) throw new Error('cannot open');
          return 'new';
        },
        { check: 'new' },
      );
      await expect(failing).rejects.toThrow('cannot open');
      expect(await reread(store(), keys)).toEqual(keys);
      expect(await store().getMeta('check')).toBe('old');
    });

    it('sets the meta entries of an empty store and reports no secrets', async () => {
      expect(await store().rewriteSecrets(() => 'never', { check: 'v' })).toBe(0);
      expect(await store().getMeta('check')).toBe('v');
    });
  });

  describe('the seal fence', () => {
    const store = useFreshStore(openStore);

    it('admits any sealed secret when there is no fence', async () => {
      const { account } = await seedAccount(store());
      const key = makeRootKey(account.accountId, { encryptedSecret: 'anything at all' });
      await store().createAccessKey(key, MAX_ACCESS_KEYS_PER_OWNER);
      expect(await store().getAccessKey(key.accessKeyId)).toEqual(key);
    });

    it('refuses keys sealed outside the fence with SEALING_KEY_RETIRED, storing nothing', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      await store().setMeta(SEAL_FENCE_META, 'v2.aaaa. v2.bbbb.');
      const outside = makeUserKey(user, { encryptedSecret: 'v2.cccc.x' });
      await expectAkmError(
        store().createAccessKey(outside, MAX_ACCESS_KEYS_PER_OWNER),
        'SEALING_KEY_RETIRED',
      );
      expect(await store().getAccessKey(outside.accessKeyId)).toBeUndefined();

      const next = makeAccount();
      const root = makeRootKey(next.accountId, { encryptedSecret: 'v1.x' });
      await expectAkmError(store().createAccount(next, root), 'SEALING_KEY_RETIRED');
      expect(await store().getAccount(next.accountId)).toBeUndefined();
    });

    it('admits keys sealed under any of its prefixes', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      await store().setMeta(SEAL_FENCE_META, 'v2.aaaa. v2.bbbb.');
      const inside = makeUserKey(user, { encryptedSecret: 'v2.bbbb.x' });
      await store().createAccessKey(inside, MAX_ACCESS_KEYS_PER_OWNER);
      const next = makeAccount();
      await store().createAccount(next, makeRootKey(next.accountId, { encryptedSecret: 'v2.aaaa.y' }));
      expect(await store().getAccessKey(inside.accessKeyId)).toEqual(inside);
      expect(await store().getAccount(next.accountId)).toEqual(next);
    });

    it('refuses a bulk import holding a key sealed outside the fence, importing nothing', async () => {
      await store().setMeta(SEAL_FENCE_META, 'v2.aaaa.');
      const account = makeAccount();
      const inside = makeRootKey(account.accountId, { encryptedSecret: 'v2.aaaa.x' });
      const outside = makeRootKey(account.accountId, { encryptedSecret: 'v2.bbbb.x' });
      const batch = { accounts: [account], users: [], keys: [inside, outside] };
      await expectAkmError(store().importBatch(batch), 'SEALING_KEY_RETIRED');
      expect(await store().getAccount(account.accountId)).toBeUndefined();
      await store().importBatch({ ...batch, keys: [inside] });
      expect(await store().getAccessKey(inside.accessKeyId)).toEqual(inside);
    });

    it('takes the fence a rewrite sets for the keys created after it', async () => {
      const { account } = await seedAccount(store());
      const user = await seedUser(store(), account.accountId, 'alice');
      await store().rewriteSecrets(() => 'v2.new.', { [SEAL_FENCE_META]: 'v2.new.' });
      const old = makeUserKey(user, { encryptedSecret: 'v2.old.x' });
      await expectAkmError(store().createAccessKey(old, MAX_ACCESS_KEYS_PER_OWNER), 'SEALING_KEY_RETIRED');
      await store().createAccessKey({ ...old, encryptedSecret: 'v2.new.x' }, MAX_ACCESS_KEYS_PER_OWNER);
      expect((await store().getAccessKey(old.accessKeyId))?.encryptedSecret).toBe('v2.new.x');
    });
  });
}
