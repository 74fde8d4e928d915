// Group commit: concurrent writes share one commit, each stays atomic and fails alone, and a failed
// commit fails every write of its batch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  let dir: string;
  let db: Database.Database;
  let observer: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'akm-group-'));
    db = new Database(join(dir, 'g.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x INTEGER NOT NULL UNIQUE, note TEXT)');
    observer = new Database(join(dir, 'g.db'));
  });
  afterEach(() => {
    db.close();
    observer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = () => db.prepare('SELECT x, note FROM t ORDER BY x').all();
  /** Another connection's data_version: it moves once per commit made elsewhere. */
  const commits = () => observer.pragma('data_version', { simple: true }) as number;

  it('commits the writes of one turn of the event loop together', async () => {
    const group = new GroupCommit(db);
    const insert = db.transaction((x: number) => db.prepare('INSERT INTO t (x) VALUES (?)').run(x).changes);
    const before = commits();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => group.run(() => insert(i))));
    expect(results).toEqual(Array(50).fill(1));
    expect(commits()).toBe(before + 1);
    expect(rows()).toHaveLength(50);
  });

  it('rolls back only the write that fails, which alone rejects', async () => {
    const group = new GroupCommit(db);
    // Two statements: a failure on the second must undo the first (the write's own savepoint).
    const insertTwo = db.transaction((x: number, y: number) => {
      db.prepare('INSERT INTO t (x, note) VALUES (?, ?)').run(x, 'first');
      db.prepare('INSERT INTO t (x, note) VALUES (?, ?)').run(y, 'second');
    });
    const outcomes = await Promise.allSettled([
      group.run(() => insertTwo(1, 2)),
      group.run(() => insertTwo(3, 1)),
      group.run(() => insertTwo(4, 5)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows().map((r) => (r as { x: number }).x)).toEqual([1, 2, 4, 5]);
  });

  it('fails every write of a batch whose commit fails, and keeps none of them', async () => {
    const group = new GroupCommit(db);
    const insert = db.transaction((x: number) => db.prepare('INSERT INTO t (x) VALUES (?)').run(x).changes);
    // Another connection holds the write lock: BEGIN IMMEDIATE fails (no busy timeout here).
    const blocker = new Database(join(dir, 'g.db'), { timeout: 0 });
    db.pragma('busy_timeout = 0');
    blocker.exec('BEGIN IMMEDIATE');
    const outcomes = await Promise.allSettled([group.run(() => insert(1)), group.run(() => insert(2))]);
    blocker.exec('ROLLBACK');
    blocker.close();
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(rows()).toEqual([]);
  });

  it('commits what is queued when flushed at once (before a close)', async () => {
    const group = new GroupCommit(db);
    const insert = db.transaction((x: number) => db.prepare('INSERT INTO t (x) VALUES (?)').run(x).changes);
    const pending = group.run(() => insert(7));
    group.flush();
    expect(rows()).toEqual([{ x: 7, note: null }]);
    await expect(pending).resolves.toBe(1);
  });
});
