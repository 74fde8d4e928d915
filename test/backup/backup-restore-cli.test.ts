/**
 * Issue 5 (backups): the `akm backup` and `akm restore` commands as an operator runs them against a live
 * server — exit codes, refusals (an existing file, a live or non-empty target, a wrong master key,
 * PostgreSQL) and the restore that leaves the master key to the operator.
 */
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAkm } from '../support/akm-cli-process.js';
import { makeTempDataDir, startTestServer, type TestServer } from '../support/akm-test-server.js';
import { authenticate } from './key-traffic.js';

describe('akm backup and akm restore (CLI)', () => {
  let server: TestServer;
  let scratch: string;
  let file: string;
  const restoredServers: TestServer[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    scratch = mkdtempSync(join(tmpdir(), 'akm-backup-cli-'));
    file = join(scratch, 'akm.backup');
    const backup = await runAkm(['backup', '--data-dir', server.dataDir, '--out', file]);
    expect(backup.code, backup.stderr).toBe(0);
  });

  afterAll(async () => {
    for (const restored of restoredServers) await restored.destroy();
    await server.destroy();
    rmSync(scratch, { recursive: true, force: true });
  });

  const masterKeyFile = () => join(server.dataDir, 'master.key');

  it('prints what it wrote as one JSON line', async () => {
    const out = join(scratch, 'second.backup');
    const result = await runAkm(['backup', '--data-dir', server.dataDir, '--out', out]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      file: out,
      bytes: readFileSync(out).length,
      schemaVersion: expect.any(Number),
      accounts: 1,
      users: 0,
      keys: 1,
    });
  });

  it('refuses to overwrite an existing file (exit 1) unless --force', async () => {
    const out = join(scratch, 'taken.backup');
    writeFileSync(out, 'keep me');
    const refused = await runAkm(['backup', '--data-dir', server.dataDir, '--out', out]);
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({
      code: 1,
      stderr: `akm: ${out} already exists; refusing to overwrite it (use --force)\n`,
    });
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await runAkm(['backup', '--data-dir', server.dataDir, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('points PostgreSQL users to pg_dump and pg_restore (exit 2)', async () => {
    const url = 'postgres://127.0.0.1:5432/akm';
    const backup = await runAkm(['backup', '--database-url', url, '--out', join(scratch, 'pg.backup')]);
    expect(backup.code).toBe(2);
    expect(backup.stderr).toContain('pg_dump --format=custom');
    const restore = await runAkm(['restore', '--database-url', url, '--from', file]);
    expect(restore.code).toBe(2);
    expect(restore.stderr).toContain('pg_restore');
  });

  it('refuses to restore over the data dir of the running server, which keeps serving', async () => {
    const result = await runAkm(['restore', '--from', file, '--data-dir', server.dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already holds an akm store \(a server may be using it\)/);
    expect(await authenticate(server.url, server.root)).toBe('ok');
  });

  it('refuses a data dir that is not empty', async () => {
    const dataDir = makeTempDataDir();
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'notes.txt'), 'x');
    const result = await runAkm(['restore', '--from', file, '--data-dir', dataDir]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 1,
      stderr: `akm: ${dataDir} is not empty (notes.txt); choose a new data dir\n`,
    });
  });

  it('refuses a master key that does not match the backup, restoring nothing', async () => {
    const dataDir = makeTempDataDir();
    const wrongKey = join(scratch, 'wrong.key');
    writeFileSync(wrongKey, randomBytes(32).toString('base64'));
    const result = await runAkm([
      'restore',
      '--from',
      file,
      '--data-dir',
      dataDir,
      '--master-key-file',
      wrongKey,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `akm: the master key from ${wrongKey} does not match this backup; nothing was restored\n`,
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it('restores without a key, says where to put it, and serves once the key is there', async () => {
    const dataDir = makeTempDataDir();
    const result = await runAkm(['restore', '--from', file, '--data-dir', dataDir]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ masterKey: 'missing', keys: 1 });
    expect(result.stderr).toContain(
      `Put the master key you backed up separately in ${join(dataDir, 'master.key')}`,
    );
    await expect(startTestServer({ dataDir, root: server.root })).rejects.toThrow(/no master key/);
    copyFileSync(masterKeyFile(), join(dataDir, 'master.key'));
    const restored = await startTestServer({ dataDir, root: server.root });
    restoredServers.push(restored);
    expect(await authenticate(restored.url, server.root)).toBe('ok');
  });
});
