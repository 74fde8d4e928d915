/** Store contract: health check and closing. */
import { describe, expect, it } from 'vitest';
import { type OpenStore, useFreshStore } from './store-harness.js';

/** Registers the ping and close tests. */
export function describeLifecycleContract(openStore: OpenStore): void {
  describe('lifecycle', () => {
    const store = useFreshStore(openStore);

    it('answers ping while open', async () => {
      expect(await store().ping()).toBe(true);
    });

    it('closes, after which ping answers false instead of throwing', async () => {
      await store().close();
      expect(await store().ping()).toBe(false);
    });
  });
}
