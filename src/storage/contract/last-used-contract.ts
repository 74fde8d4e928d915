/** Store contract: persisting coalesced last uses of AccessKeys (date, service and region together). */
import { describe, expect, it } from 'vitest';
import type { KeyUse } from '../../domain/ports.js';
import { at, seedAccount } from './fixtures.js';
import { type OpenStore, useFreshStore } from './store-harness.js';

/** A use through IAM in us-east-1 unless told otherwise. */
function use(accessKeyId: string, seconds: number, overrides: Partial<KeyUse> = {}): KeyUse {
  return { accessKeyId, lastUsedDate: at(seconds), serviceName: 'iam', region: 'us-east-1', ...overrides };
}

/** Registers the last-use tests. */
export function describeLastUsedContract(openStore: OpenStore): void {
  describe('recording last use', () => {
    const store = useFreshStore(openStore);

    const lastUsed = async (accessKeyId: string) => (await store().getAccessKey(accessKeyId))?.lastUsedDate;
    const lastUse = async (accessKeyId: string) => {
      const key = await store().getAccessKey(accessKeyId);
      return key && [key.lastUsedDate, key.lastUsedService, key.lastUsedRegion];
    };

    it('sets the date, moves it forwards and never backwards', async () => {
      const { rootKey } = await seedAccount(store());
      const id = rootKey.accessKeyId;
      await store().recordLastUsed([use(id, 200)]);
      expect(await lastUsed(id)).toEqual(at(200));
      await store().recordLastUsed([use(id, 100)]);
      expect(await lastUsed(id)).toEqual(at(200));
      await store().recordLastUsed([use(id, 300)]);
      expect(await lastUsed(id)).toEqual(at(300));
    });

    it('writes service and region with the date, and only when the date moves forward', async () => {
      const { rootKey } = await seedAccount(store());
      const id = rootKey.accessKeyId;
      await store().recordLastUsed([use(id, 200, { serviceName: 'ram', region: null })]);
      expect(await lastUse(id)).toEqual([at(200), 'ram', null]);
      await store().recordLastUsed([use(id, 100, { serviceName: 'sts', region: 'eu-west-1' })]);
      expect(await lastUse(id)).toEqual([at(200), 'ram', null]);
      await store().recordLastUsed([use(id, 300, { serviceName: 'iam', region: 'eu-west-1' })]);
      expect(await lastUse(id)).toEqual([at(300), 'iam', 'eu-west-1']);
    });

    it('applies a batch over several keys, keeping the latest of repeated entries with its scope', async () => {
      const a = await seedAccount(store());
      const b = await seedAccount(store());
      await store().recordLastUsed([
        use(a.rootKey.accessKeyId, 50, { region: 'r50' }),
        use(b.rootKey.accessKeyId, 60, { region: 'r60' }),
        use(a.rootKey.accessKeyId, 70, { region: 'r70' }),
        use(a.rootKey.accessKeyId, 40, { region: 'r40' }),
      ]);
      expect(await lastUse(a.rootKey.accessKeyId)).toEqual([at(70), 'iam', 'r70']);
      expect(await lastUse(b.rootKey.accessKeyId)).toEqual([at(60), 'iam', 'r60']);
    });

    it('ignores unknown keys without failing the batch, and accepts an empty batch', async () => {
      const { rootKey } = await seedAccount(store());
      await store().recordLastUsed([use('LTAI-unknown', 10), use(rootKey.accessKeyId, 20)]);
      expect(await lastUsed(rootKey.accessKeyId)).toEqual(at(20));
      expect(await store().getAccessKey('LTAI-unknown')).toBeUndefined();
      await store().recordLastUsed([]);
      expect(await lastUsed(rootKey.accessKeyId)).toEqual(at(20));
    });

    it('writes where the use came from and what it did, with the date', async () => {
      const { rootKey } = await seedAccount(store());
      const id = rootKey.accessKeyId;
      const origin = { sourceIp: '127.0.0.2', userAgent: 'aws-cli/2', action: 'ListUsers' };
      await store().recordLastUsed([use(id, 200, origin)]);
      await store().recordLastUsed([use(id, 100, { sourceIp: '10.0.0.1' })]);
      const key = await store().getAccessKey(id);
      expect([key?.lastUsedSourceIp, key?.lastUsedUserAgent, key?.lastUsedAction]).toEqual([
        '127.0.0.2',
        'aws-cli/2',
        'ListUsers',
      ]);
    });

    it('changes nothing else about the key', async () => {
      const { rootKey } = await seedAccount(store());
      await store().recordLastUsed([use(rootKey.accessKeyId, 20)]);
      expect(await store().getAccessKey(rootKey.accessKeyId)).toEqual({
        ...rootKey,
        lastUsedDate: at(20),
        lastUsedService: 'iam',
        lastUsedRegion: 'us-east-1',
      });
    });
  });
}
