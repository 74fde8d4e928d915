// Storing a freshly sealed secret: one reseal-and-retry when a rotation retired the sealing key, no more.
import { describe, expect, it } from 'vitest';
import { AkmError } from '../domain/errors.js';
import type { SecretBox } from '../domain/ports.js';
import { catchAkmErrorAsync } from '../testing/catch-akm-error.js';
import { storeSealed } from './store-sealed.js';

/** A box whose seals name a generation that `refresh` moves on (when `changes`). */
function fakeBox(changes: boolean): SecretBox & { generation: number; refreshes: number } {
  return {
    generation: 1,
    refreshes: 0,
    seal(secret) {
      return `g${this.generation}:${secret}`;
    },
    open: (sealed) => sealed,
    refresh() {
      this.refreshes += 1;
      if (changes) this.generation += 1;
      return changes;
    },
  };
}

/** A store admitting only values sealed in generation `admitted`, recording what it stored. */
function fenceStore(admitted: number) {
  const stored: string[] = [];
  return {
    stored,
    write: async (sealed: string) => {
      if (!sealed.startsWith(`g${admitted}:`)) throw new AkmError('SEALING_KEY_RETIRED');
      stored.push(sealed);
    },
  };
}

describe('storeSealed', () => {
  it('writes once when the store admits the value', async () => {
    const box = fakeBox(true);
    const store = fenceStore(1);
    expect(await storeSealed(box, () => box.seal('s', 'id'), store.write)).toBe('g1:s');
    expect({ stored: store.stored, refreshes: box.refreshes }).toEqual({ stored: ['g1:s'], refreshes: 0 });
  });

  it('reseals under the refreshed key and writes again when the sealing key was retired', async () => {
    const box = fakeBox(true);
    const store = fenceStore(2);
    expect(await storeSealed(box, () => box.seal('s', 'id'), store.write)).toBe('g2:s');
    expect({ stored: store.stored, refreshes: box.refreshes }).toEqual({ stored: ['g2:s'], refreshes: 1 });
  });

  it('reseals after a refresh that changed nothing (another request picked the key up already)', async () => {
    const box = fakeBox(false);
    const store = fenceStore(1);
    let first = true;
    const write = async (sealed: string) => {
      if (first) {
        first = false;
        throw new AkmError('SEALING_KEY_RETIRED');
      }
      await store.write(sealed);
    };
    expect(await storeSealed(box, () => box.seal('s', 'id'), write)).toBe('g1:s');
    expect({ stored: store.stored, refreshes: box.refreshes }).toEqual({ stored: ['g1:s'], refreshes: 1 });
  });

  it('retries at most once', async () => {
    const moving = fakeBox(true);
    const error = await catchAkmErrorAsync(
      storeSealed(moving, () => moving.seal('s', 'id'), fenceStore(3).write),
    );
    expect({ code: error.code, refreshes: moving.refreshes }).toEqual({
      code: 'SEALING_KEY_RETIRED',
      refreshes: 1,
    });
  });

  it('passes other errors through without refreshing', async () => {
    const box = fakeBox(true);
    const failing = async () => {
      throw new AkmError('USER_NOT_FOUND');
    };
    expect((await catchAkmErrorAsync(storeSealed(box, () => 'x', failing))).code).toBe('USER_NOT_FOUND');
    expect(box.refreshes).toBe(0);
  });
});
