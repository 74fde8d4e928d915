// In-memory nonce store: replay refused inside the window, accepted after it, per key, swept when expired.

import { afterEach, describe, expect, it } from 'vitest';
import { MemoryNonceStore } from './memory-nonce-store.js';

const T0 = Date.UTC(2024, 0, 1);
const WINDOW_MS = 15 * 60 * 1000;

/** A store on a hand-moved clock; every store made here is closed after the test. */
const opened: MemoryNonceStore[] = [];
function storeAt(start = T0): { store: MemoryNonceStore; setNow: (ms: number) => void } {
  let now = start;
  const store = new MemoryNonceStore(() => now);
  opened.push(store);
  return { store, setNow: (ms) => (now = ms) };
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

const expiry = new Date(T0 + WINDOW_MS);

describe('MemoryNonceStore', () => {
  it('accepts a nonce once and refuses a replay within its expiry', async () => {
    const { store, setNow } = storeAt();
    expect(await store.remember('LTAIa', 'n1', expiry)).toBe(true);
    expect(await store.remember('LTAIa', 'n1', expiry)).toBe(false);
    setNow(T0 + WINDOW_MS - 1);
    expect(await store.remember('LTAIa', 'n1', expiry)).toBe(false);
  });

  it('accepts the nonce again once its expiry is reached', async () => {
    const { store, setNow } = storeAt();
    await store.remember('LTAIa', 'n1', expiry);
    setNow(T0 + WINDOW_MS);
    expect(await store.remember('LTAIa', 'n1', new Date(T0 + 2 * WINDOW_MS))).toBe(true);
    // …and the new expiry applies from then on.
    setNow(T0 + 2 * WINDOW_MS - 1);
    expect(await store.remember('LTAIa', 'n1', new Date(T0 + 2 * WINDOW_MS))).toBe(false);
  });

  it('keeps nonces of different AccessKeys apart', async () => {
    const { store } = storeAt();
    expect(await store.remember('LTAIa', 'n1', expiry)).toBe(true);
    expect(await store.remember('LTAIb', 'n1', expiry)).toBe(true);
    expect(await store.remember('LTAIa', 'n2', expiry)).toBe(true);
    expect(await store.remember('LTAIb', 'n1', expiry)).toBe(false);
  });

  it('treats nonces as opaque, case-sensitive strings', async () => {
    const { store } = storeAt();
    expect(await store.remember('LTAIa', 'abcdef', expiry)).toBe(true);
    expect(await store.remember('LTAIa', 'ABCDEF', expiry)).toBe(true);
    expect(await store.remember('LTAIa', '', expiry)).toBe(true);
    expect(await store.remember('LTAIa', '', expiry)).toBe(false);
  });

  it('sweeps expired entries and keeps live ones', async () => {
    const { store, setNow } = storeAt();
    await store.remember('LTAIa', 'early', new Date(T0 + 1000));
    await store.remember('LTAIa', 'late', new Date(T0 + 5000));
    await store.remember('LTAIb', 'early', new Date(T0 + 1000));
    expect(store.size).toBe(3);

    setNow(T0 + 999);
    store.sweep();
    expect(store.size).toBe(3);

    setNow(T0 + 1000);
    store.sweep();
    expect(store.size).toBe(1);
    expect(await store.remember('LTAIa', 'late', new Date(T0 + 5000))).toBe(false);

    setNow(T0 + 5000);
    store.sweep();
    expect(store.size).toBe(0);
  });

  it('can be closed more than once', () => {
    const { store } = storeAt();
    store.close();
    expect(() => store.close()).not.toThrow();
  });
});
