/** Store contract: persisting coalesced last-use dates of AccessKeys. */
import { describe, expect, it } from 'vitest';
import { at, seedAccount } from './fixtures.js';
import { type OpenStore, useFreshStore } from './store-harness.js';

/** Registers the last-use tests. */
export function describeLastUsedContract(openStore: OpenStore): void {
  describe('recording last use', () => {
    const store = useFreshStore(openStore);

    const lastUsed = async (accessKeyId: string) => (await store().getAccessKey(accessKeyId))?.lastUsedDate;

    it('sets the date, moves it forwards and never backwards', async () => {
      const { rootKey } = await seedAccount(store());
      const id = rootKey.accessKeyId;
      await store().recordLastUsed([{ accessKeyId: id, lastUsedDate: at(200) }]);
      expect(await lastUsed(id)).toEqual(at(200));
      await store().recordLastUsed([{ accessKeyId: id, lastUsedDate: at(100) }]);
      expect(await lastUsed(id)).toEqual(at(200));
      await store().recordLastUsed([{ accessKeyId: id, lastUsedDate: at(300) }]);
      expect(await lastUsed(id)).toEqual(at(300));
    });

    it('applies a batch over several keys, keeping the latest of repeated entries', async () => {
      const a = await seedAccount(store());
      const b = await seedAccount(store());
      await store().recordLastUsed([
        { accessKeyId: a.rootKey.accessKeyId, lastUsedDate: at(50) },
        { accessKeyId: b.rootKey.accessKeyId, lastUsedDate: at(60) },
        { accessKeyId: a.rootKey.accessKeyId, lastUsedDate: at(70) },
        { accessKeyId: a.rootKey.accessKeyId, lastUsedDate: at(40) },
      ]);
      expect(await lastUsed(a.rootKey.accessKeyId)).toEqual(at(70));
      expect(await lastUsed(b.rootKey.accessKeyId)).toEqual(at(60));
    });

    it('ignores unknown keys without failing the batch, and accepts an empty batch', async () => {
      const { rootKey } = await seedAccount(store());
      await store().recordLastUsed([
        { accessKeyId: 'LTAI-unknown', lastUsedDate: at(10) },
        { accessKeyId: rootKey.accessKeyId, lastUsedDate: at(20) },
      ]);
      expect(await lastUsed(rootKey.accessKeyId)).toEqual(at(20));
      expect(await store().getAccessKey('LTAI-unknown')).toBeUndefined();
      await store().recordLastUsed([]);
      expect(await lastUsed(rootKey.accessKeyId)).toEqual(at(20));
    });

    it('changes nothing else about the key', async () => {
      const { rootKey } = await seedAccount(store());
      await store().recordLastUsed([{ accessKeyId: rootKey.accessKeyId, lastUsedDate: at(20) }]);
      expect(await store().getAccessKey(rootKey.accessKeyId)).toEqual({ ...rootKey, lastUsedDate: at(20) });
    });
  });
}
