/**
 * Secrets (issue 7), last in the suite: no AccessKey secret issued by any earlier file — root keys,
 * CreateAccessKey answers on both wires, keys created and deleted under kill -9 — appears in any file of
 * any data dir (databases, WAL and SHM included, and the PostgreSQL rows), in any server log (debug level),
 * or in any error body received. A planted secret proves the scan finds what it looks for.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filesUnder, readEvidence } from './support/evidence.js';

/** The files among `files` holding any of `secrets` (UTF-8 or UTF-16LE), as `file: secret…`. */
function leaks(files: readonly string[], secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const secret of secrets) {
      if (bytes.includes(Buffer.from(secret, 'utf8')) || bytes.includes(Buffer.from(secret, 'utf16le'))) {
        found.push(`${file}: ${secret.slice(0, 4)}…`);
      }
    }
  }
  return found;
}

describe('no secret issued during the suite leaks', () => {
  const evidence = readEvidence();

  it('has evidence from the whole suite to scan', () => {
    // Run alone, this file would pass vacuously; it must follow the others (vitest.reliability.config.ts).
    expect(evidence.secrets.length).toBeGreaterThan(50);
    expect(filesUnder(evidence.logsDir).length).toBeGreaterThan(5);
    expect(filesUnder(evidence.dataDir).some((f) => f.endsWith('akm.db-wal'))).toBe(true);
    expect(evidence.errorBodies.length).toBeGreaterThan(100_000);
  });

  it('finds none in the data dirs (SQLite files, WAL, SHM, PostgreSQL rows)', () => {
    expect(leaks(filesUnder(evidence.dataDir), evidence.secrets)).toEqual([]);
  });

  it('finds none in the server logs', () => {
    expect(leaks(filesUnder(evidence.logsDir), evidence.secrets)).toEqual([]);
  });

  it('finds none in the error bodies', () => {
    const hits = evidence.secrets.filter((secret) => evidence.errorBodies.includes(secret));
    expect(hits.map((s) => `${s.slice(0, 4)}…`)).toEqual([]);
  });

  it('would find a planted one', () => {
    const [secret = 'none'] = evidence.secrets;
    expect(leaks(filesUnder(evidence.logsDir), [secret])).toEqual([]);
    expect(`${evidence.errorBodies} ${secret}`.includes(secret)).toBe(true);
    const planted = filesUnder(evidence.dataDir).filter((f) => f.endsWith('master.key'));
    expect(planted.length).toBeGreaterThan(0);
    // A master key file holds key bytes, never an AccessKey secret; its own bytes are found in itself.
    const own = readFileSync(planted[0] ?? '')
      .toString('latin1')
      .slice(0, 12);
    expect(leaks(planted.slice(0, 1), [own])).toHaveLength(1);
  });
});
