// The SQLite nonce store: replays refused before and after the batched write, across a reopen and across
// connections; expired nonces usable again; close() writes what is pending.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store.js';

const WINDOW = 15 * 60 * 1000;

describe('SqliteNonceStore', () => {
  let dir: string;
  let now: number;
  const clock = { now: () => new Date(now) };
  const open = () => SqliteStore.open({ path: join(dir, 'akm.db') });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'akm-nonce-'));
    now = Date.parse('2026-11-29T12:00:00Z');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a replay while pending and after the batch is written', async () => {
    const store = open();
    const nonces = store.createNonceStore({ clock, flushDelayMs: 60_000 });
    const until = new Date(now + WINDOW);
    expect(await nonces.remember('K', 'n1', until)).toBe(true);
    expect(await nonces.remember('K', 'n1', until)).toBe(false);
    nonces.flush();
    expect(await nonces.remember('K', 'n1', until)).toBe(false);
    expect(await nonces.remember('K2', 'n1', until)).toBe(true);
    nonces.close();
    await store.close();
  });

  it('writes pending nonces on close, so a reopened store still refuses them', async () => {
    const first = open();
    const a = first.createNonceStore({ clock, flushDelayMs: 60_000 });
    expect(await a.remember('K', 'n', new Date(now + WINDOW))).toBe(true);
    a.close();
    await first.close();
    const second = open();
    const b = second.createNonceStore({ clock });
    expect(await b.remember('K', 'n', new Date(now + WINDOW))).toBe(false);
    b.close();
    await second.close();
  });

  it('sees nonces written by another connection on the same file', async () => {
    const one = open();
    const two = open();
    const a = one.createNonceStore({ clock, flushDelayMs: 60_000 });
    const b = two.createNonceStore({ clock, flushDelayMs: 60_000 });
    expect(await a.remember('K', 'n', new Date(now + WINDOW))).toBe(true);
    a.flush();
    expect(await b.remember('K', 'n', new Date(now + WINDOW))).toBe(false);
    a.close();
    b.close();
    await one.close();
    await two.close();
  });

  it('accepts a nonce again once its window has passed, and sweeps it', async () => {
    const store = open();
    const nonces = store.createNonceStore({ clock, flushDelayMs: 60_000 });
    expect(await nonces.remember('K', 'n', new Date(now + 1000))).toBe(true);
    nonces.flush();
    now += 2000;
    expect(nonces.sweep()).toBe(1);
    expect(await nonces.remember('K', 'n', new Date(now + 1000))).toBe(true);
    nonces.close();
    await store.close();
  });
});
