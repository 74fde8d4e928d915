/** Store contract: listing users in case-insensitive name order, page by page. */
import { describe, expect, it } from 'vitest';
import type { User } from '../../domain/entities.js';
import type { Store } from '../../domain/ports.js';
import { seedAccount, seedUser } from './fixtures.js';
import { type OpenStore, useFreshStore } from './store-harness.js';

// Mixed case and RAM's punctuation ('-' < '.' < digits < '_' < letters in byte order), inserted unsorted.
const NAMES = ['delta', 'Alpha', 'charlie', 'Zulu', 'a_b', 'Echo', 'bravo', 'a.b', 'a-b', 'a1', 'ab', 'Golf'];

/** Byte order of the lower-cased names: the order every store must list in. */
function expectedOrder(names: readonly string[]): string[] {
  const key = (name: string) => name.toLowerCase();
  return [...names].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

/** Follows `after` cursors until an empty page, returning every page. */
async function readAllPages(store: Store, accountId: string, limit: number): Promise<User[][]> {
  const pages: User[][] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listUsers(accountId, after === undefined ? { limit } : { after, limit });
    if (page.length === 0) return pages;
    pages.push(page);
    after = page[page.length - 1]?.userName;
  }
}

/** Registers the user listing tests. */
export function describeUserListingContract(openStore: OpenStore): void {
  describe('listing users', () => {
    const store = useFreshStore(openStore);

    it('lists in case-insensitive name order', async () => {
      const { account } = await seedAccount(store());
      for (const name of NAMES) await seedUser(store(), account.accountId, name);
      const users = await store().listUsers(account.accountId, { limit: 100 });
      expect(users.map((u) => u.userName)).toEqual(expectedOrder(NAMES));
    });

    it('pages with an exclusive `after` cursor, without duplicates or omissions', async () => {
      const { account } = await seedAccount(store());
      for (const name of NAMES) await seedUser(store(), account.accountId, name);
      const pages = await readAllPages(store(), account.accountId, 5);
      expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
      expect(pages.flat().map((u) => u.userName)).toEqual(expectedOrder(NAMES));
    });

    it('compares the cursor case-insensitively and accepts names that do not exist', async () => {
      const { account } = await seedAccount(store());
      for (const name of ['alpha', 'bravo', 'charlie']) await seedUser(store(), account.accountId, name);
      const names = async (after: string) =>
        (await store().listUsers(account.accountId, { after, limit: 10 })).map((u) => u.userName);
      expect(await names('BRAVO')).toEqual(['charlie']);
      expect(await names('b')).toEqual(['bravo', 'charlie']);
      expect(await names('charlie')).toEqual([]);
    });

    it('filters by path prefix, case-sensitively, while paging by name', async () => {
      const { account } = await seedAccount(store());
      const id = account.accountId;
      await seedUser(store(), id, 'a-root');
      await seedUser(store(), id, 'b-dev', { path: '/dev/' });
      await seedUser(store(), id, 'c-devops', { path: '/devops/team/' });
      await seedUser(store(), id, 'd-dev', { path: '/dev/' });
      await seedUser(store(), id, 'e-upper', { path: '/Dev/' });
      const names = async (pathPrefix: string, after?: string) =>
        (
          await store().listUsers(
            id,
            after === undefined ? { pathPrefix, limit: 10 } : { pathPrefix, after, limit: 10 },
          )
        ).map((u) => u.userName);
      expect(await names('/')).toEqual(['a-root', 'b-dev', 'c-devops', 'd-dev', 'e-upper']);
      expect(await names('/dev')).toEqual(['b-dev', 'c-devops', 'd-dev']);
      expect(await names('/dev/')).toEqual(['b-dev', 'd-dev']);
      expect(await names('/dev/', 'b-dev')).toEqual(['d-dev']);
      expect(await names('/nobody/')).toEqual([]);
    });

    it('counts the users of one account', async () => {
      const a = await seedAccount(store());
      const b = await seedAccount(store());
      for (const name of ['x', 'y', 'z']) await seedUser(store(), a.account.accountId, name);
      expect(await store().countUsers(a.account.accountId)).toBe(3);
      expect(await store().countUsers(b.account.accountId)).toBe(0);
    });

    it('lists only the given account and nothing for an empty one', async () => {
      const a = await seedAccount(store());
      const b = await seedAccount(store());
      const alice = await seedUser(store(), a.account.accountId, 'alice');
      expect(await store().listUsers(a.account.accountId, { limit: 10 })).toEqual([alice]);
      expect(await store().listUsers(b.account.accountId, { limit: 10 })).toEqual([]);
    });
  });
}
