// The read cache: hits, invalidation by writes made through it, by another connection's commits (change
// counter) and by age (time-to-live), no caching of misses or of reads that raced a write, bounded size.
import { describe, expect, it } from 'vitest';
import type { AccessKey, KeyOwner } from '../domain/entities.js';
import type { Store } from '../domain/ports.js';
import { withReadCache } from './read-cache.js';

function key(id: string, status: 'Active' | 'Inactive' = 'Active'): AccessKey {
  return {
    accessKeyId: id,
    accountId: 'A',
    userId: null,
    status,
    createDate: new Date(0),
    encryptedSecret: 's',
    lastUsedDate: null,
  } as AccessKey;
}

/** A fake holding keys, counting reads; only the methods the tests use. */
function fakeStore() {
  const keys = new Map<string, AccessKey>();
  const reads = { getAccessKey: 0, listAccessKeys: 0 };
  let pause: Promise<void> | undefined;
  const store = {
    async getAccessKey(id: string) {
      reads.getAccessKey += 1;
      // Read first, answer later: what a query that ran before a concurrent write returns.
      const value = keys.get(id);
      if (pause) await pause;
      return value;
    },
    async listAccessKeys(_owner: KeyOwner) {
      reads.listAccessKeys += 1;
      return [...keys.values()];
    },
    async updateAccessKeyStatus(_owner: KeyOwner, id: string, status: 'Active' | 'Inactive') {
      const k = keys.get(id);
      if (k) keys.set(id, { ...k, status });
      return k !== undefined;
    },
    async listUsers() {
      return [];
    },
  };
  return {
    keys,
    reads,
    store: store as unknown as Store,
    pauseReads(): () => void {
      let release = () => {};
      pause = new Promise((r) => {
        release = r;
      });
      return () => {
        pause = undefined;
        release();
      };
    },
  };
}

const owner: KeyOwner = { kind: 'root', accountId: 'A' };

describe('withReadCache', () => {
  it('serves repeated lookups from memory and clears on a write made through it', async () => {
    const fake = fakeStore();
    fake.keys.set('K', key('K'));
    const cached = withReadCache(fake.store, { freshness: { kind: 'change-counter', read: () => 0 } });
    expect((await cached.getAccessKey('K'))?.status).toBe('Active');
    expect((await cached.getAccessKey('K'))?.status).toBe('Active');
    expect(fake.reads.getAccessKey).toBe(1);
    await cached.updateAccessKeyStatus(owner, 'K', 'Inactive');
    expect((await cached.getAccessKey('K'))?.status).toBe('Inactive');
    expect(fake.reads.getAccessKey).toBe(2);
  });

  it('keeps the cache across reads that change nothing', async () => {
    const fake = fakeStore();
    fake.keys.set('K', key('K'));
    const cached = withReadCache(fake.store, { freshness: { kind: 'change-counter', read: () => 0 } });
    await cached.getAccessKey('K');
    await cached.listUsers('A', { limit: 1 });
    await cached.getAccessKey('K');
    expect(fake.reads.getAccessKey).toBe(1);
  });

  it('drops everything when the change counter moves (another connection committed)', async () => {
    const fake = fakeStore();
    fake.keys.set('K', key('K'));
    let counter = 1;
    const cached = withReadCache(fake.store, { freshness: { kind: 'change-counter', read: () => counter } });
    await cached.getAccessKey('K');
    fake.keys.set('K', key('K', 'Inactive'));
    expect((await cached.getAccessKey('K'))?.status).toBe('Active');
    counter = 2;
    expect((await cached.getAccessKey('K'))?.status).toBe('Inactive');
  });

  it('re-reads entries older than the time-to-live', async () => {
    const fake = fakeStore();
    fake.keys.set('K', key('K'));
    let now = 0;
    const cached = withReadCache(fake.store, { freshness: { kind: 'ttl', ttlMs: 500, now: () => now } });
    await cached.getAccessKey('K');
    fake.keys.set('K', key('K', 'Inactive'));
    now = 499;
    expect((await cached.getAccessKey('K'))?.status).toBe('Active');
    now = 500;
    expect((await cached.getAccessKey('K'))?.status).toBe('Inactive');
  });

  it('does not cache misses', async () => {
    const fake = fakeStore();
    const cached = withReadCache(fake.store, { freshness: { kind: 'change-counter', read: () => 0 } });
    expect(await cached.getAccessKey('nope')).toBeUndefined();
    fake.keys.set('nope', key('nope'));
    expect(await cached.getAccessKey('nope')).toBeDefined();
  });

  it('does not keep a value read while a write was under way', async () => {
    const fake = fakeStore();
    fake.keys.set('K', key('K'));
    const cached = withReadCache(fake.store, { freshness: { kind: 'change-counter', read: () => 0 } });
    const release = fake.pauseReads();
    const slowRead = cached.getAccessKey('K');
    await cached.updateAccessKeyStatus(owner, 'K', 'Inactive');
    release();
    expect((await slowRead)?.status).toBe('Active');
    expect((await cached.getAccessKey('K'))?.status).toBe('Inactive');
  });

  it('hands every caller its own copy of a cached list', async () => {
    const fake = fakeStore();
    fake.keys.set('K', key('K'));
    const cached = withReadCache(fake.store, { freshness: { kind: 'change-counter', read: () => 0 } });
    const first = await cached.listAccessKeys(owner);
    first.pop();
    expect(await cached.listAccessKeys(owner)).toHaveLength(1);
    expect(fake.reads.listAccessKeys).toBe(1);
  });

  it('holds at most maxEntries entries', async () => {
    const fake = fakeStore();
    for (const id of ['A', 'B', 'C']) fake.keys.set(id, key(id));
    const cached = withReadCache(fake.store, {
      freshness: { kind: 'change-counter', read: () => 0 },
      maxEntries: 2,
    });
    await cached.getAccessKey('A');
    await cached.getAccessKey('B');
    await cached.getAccessKey('C');
    await cached.getAccessKey('A');
    expect(fake.reads.getAccessKey).toBe(4);
  });
});
