// The SQLite nonce store, claiming on its own connection and through the server's background worker:
// replays refused within one batch, after it, across a reopen and across connections; expired nonces
// usable again and swept; every answered claim is on disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store.js';

const WINDOW = 15 * 60 * 1000;

describe.each([
  ['its own connection', false],
  ['the background worker', true],
])('SqliteNonceStore through %s', (_name, background) => {
  let dir: string;
  let now: number;
  const clock = { now: () => new Date(now) };
  const open = (withWorker = background) =>
    SqliteStore.open({ path: join(dir, 'akm.db'), background: withWorker });
  const until = () => new Date(now + WINDOW);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'akm-nonce-'));
    now = Date.parse('2026-11-29T12:00:00Z');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a replay in the same batch and in a later one; other keys are separate', async () => {
    const store = open();
    const nonces = store.createNonceStore({ clock });
    expect(
      await Promise.all([nonces.remember('K', 'n1', until()), nonces.remember('K', 'n1', until())]),
    ).toEqual([true, false]);
    expect(await nonces.remember('K', 'n1', until())).toBe(false);
    expect(await nonces.remember('K2', 'n1', until())).toBe(true);
    await nonces.close();
    await store.close();
  });

  it('has written every answered nonce, so that a reopened store still refuses them', async () => {
    const first = open();
    const a = first.createNonceStore({ clock });
    const answered = await Promise.all(
      Array.from({ length: 500 }, (_, i) => a.remember('K', `n${i}`, until())),
    );
    expect(answered.every(Boolean)).toBe(true);
    await a.close();
    await first.close();
    const second = open();
    const b = second.createNonceStore({ clock });
    expect(await b.remember('K', 'n0', until())).toBe(false);
    expect(await b.remember('K', 'n499', until())).toBe(false);
    await b.close();
    await second.close();
  });

  it('sees nonces claimed through another connection on the same data dir', async () => {
    const one = open();
    const two = open(false);
    const a = one.createNonceStore({ clock });
    const b = two.createNonceStore({ clock });
    expect(await a.remember('K', 'n', until())).toBe(true);
    expect(await b.remember('K', 'n', until())).toBe(false);
    expect(await b.remember('K', 'm', until())).toBe(true);
    expect(await a.remember('K', 'm', until())).toBe(false);
    await a.close();
    await b.close();
    await one.close();
    await two.close();
  });

  it('lets only one of many concurrent claimants take a nonce', async () => {
    const stores = [open(), open(false), open(false)];
    const nonceStores = stores.map((s) => s.createNonceStore({ clock }));
    const results = await Promise.all(
      nonceStores.flatMap((n) => [n.remember('K', 'x', until()), n.remember('K', 'x', until())]),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    for (const n of nonceStores) await n.close();
    for (const s of stores) await s.close();
  });

  it('accepts a nonce again once its window has passed, and sweeps it', async () => {
    const store = open(false);
    const nonces = store.createNonceStore({ clock });
    expect(await nonces.remember('K', 'n', new Date(now + 1000))).toBe(true);
    now += 2000;
    expect(await nonces.remember('K', 'n', new Date(now + 1000))).toBe(true);
    now += 2000;
    expect(nonces.sweep()).toBe(1);
    expect(await nonces.remember('K', 'n', new Date(now + 1000))).toBe(true);
    await nonces.close();
    await store.close();
  });
});
