// ClaimBatcher: the claims of one event-loop turn form one batch, the next batch waits for the one in
// flight (and gathers everything that arrived meanwhile), a failed batch fails only its own claims, and
// drain() answers everything queued.
import { describe, expect, it } from 'vitest';
import { ClaimBatcher } from './claim-batcher.js';

/** A batcher whose batches are answered by hand, recording what each contained. */
function manualBatcher() {
  const batches: { items: readonly string[]; answer: (fresh: boolean[] | Error) => void }[] = [];
  const batcher = new ClaimBatcher<string>(
    (items) =>
      new Promise((resolve, reject) => {
        batches.push({ items, answer: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
      }),
  );
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  return { batcher, batches, turn };
}

describe('ClaimBatcher', () => {
  it('sends the claims of one turn as one batch and answers each in order', async () => {
    const { batcher, batches, turn } = manualBatcher();
    const answers = Promise.all(['a', 'b', 'c'].map((x) => batcher.claim(x)));
    await turn();
    expect(batches.map((b) => b.items)).toEqual([['a', 'b', 'c']]);
    batches[0]?.answer([true, false, true]);
    expect(await answers).toEqual([true, false, true]);
  });

  it('holds the next batch until the one in flight is answered, gathering all that came meanwhile', async () => {
    const { batcher, batches, turn } = manualBatcher();
    const first = batcher.claim('a');
    await turn();
    const later = [batcher.claim('b'), batcher.claim('c')];
    await turn();
    await turn();
    expect(batches).toHaveLength(1);
    batches[0]?.answer([true]);
    await first;
    await turn();
    await turn();
    expect(batches.map((b) => b.items)).toEqual([['a'], ['b', 'c']]);
    batches[1]?.answer([true, true]);
    expect(await Promise.all(later)).toEqual([true, true]);
  });

  it('fails only the claims of a failed batch', async () => {
    const { batcher, batches, turn } = manualBatcher();
    const doomed = batcher.claim('a');
    await turn();
    const next = batcher.claim('b');
    batches[0]?.answer(new Error('database down'));
    await expect(doomed).rejects.toThrow('database down');
    await turn();
    batches[1]?.answer([true]);
    await expect(next).resolves.toBe(true);
  });

  it('drain() sends what is queued at once and resolves when all is answered', async () => {
    const { batcher, batches } = manualBatcher();
    const claim = batcher.claim('a');
    const drained = batcher.drain();
    await Promise.resolve();
    expect(batches.map((b) => b.items)).toEqual([['a']]);
    batches[0]?.answer([false]);
    await drained;
    await expect(claim).resolves.toBe(false);
  });
});
