/**
 * `akm report` (acceptance item 3): 200 users with 2 AccessKeys each, seeded straight into the store
 * with controlled creation and last-use dates, give exactly 400 user rows plus the root's, with ages in
 * whole days that match the seeded ones exactly. Run through the built binary against a real server.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccessKeyStatus } from '../../src/domain/entities.js';
import { SILENT_LOGGER } from '../../src/logging/json-logger.js';
import { openRuntime } from '../../src/main.js';
import { AKM_BIN } from '../support/akm-cli-process.js';
import type { TestServer } from '../support/akm-test-server.js';
import { credentialsEnv, okJson, okTable, useCliSuite } from './cli-harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const USERS = 200;
const AGES = [0, 3, 400, 1, 30, 89, 365, 7] as const;
const COLUMNS = 'account_id,user,access_key_id,status,created,age_days,last_used,days_since_last_use';

/** What the report must say about one seeded key. */
interface Expected {
  readonly user: string;
  readonly status: AccessKeyStatus;
  readonly ageDays: number;
  /** Null for a key never used. */
  readonly daysSinceLastUse: number | null;
}

/** One report row, as the JSON format gives it. */
interface Row {
  readonly account_id: string;
  readonly user: string;
  readonly access_key_id: string;
  readonly status: string;
  readonly created: string;
  readonly age_days: number;
  readonly last_used: string | null;
  readonly days_since_last_use: number | null;
}

const userName = (i: number) => `user-${String(i).padStart(3, '0')}`;

/**
 * Seeds the users and keys through the store, as a second process on the same data dir would. Dates
 * sit mid-day before `now` (creation 12 h, last use 6 h earlier than whole days), so the whole-day ages
 * are exact for any report started within hours of seeding.
 */
async function seed(server: TestServer, now: number): Promise<Map<string, Expected>> {
  const runtime = await openRuntime(server.config, SILENT_LOGGER);
  const { store, ids, secretBox } = runtime.deps;
  const expected = new Map<string, Expected>();
  try {
    for (let i = 0; i < USERS; i++) {
      const createDate = new Date(now - 500 * DAY_MS);
      const user = {
        accountId: server.root.accountId,
        userId: ids.userId(),
        userName: userName(i),
        path: '/',
        displayName: '',
        mobilePhone: '',
        email: '',
        comments: '',
        createDate,
        updateDate: createDate,
        lastLoginDate: null,
      };
      await store.createUser(user, 1000);
      const keys = [
        {
          ageDays: AGES[i % AGES.length] ?? 0,
          status: 'Active' as const,
          lastUseDays: i % 3 === 0 ? null : 0,
        },
        { ageDays: i, status: i % 2 === 1 ? ('Inactive' as const) : ('Active' as const), lastUseDays: null },
      ];
      for (const k of keys) {
        const accessKeyId = ids.accessKeyId();
        const daysSinceLastUse = k.lastUseDays === null ? null : Math.floor(k.ageDays / 2);
        await store.createAccessKey(
          {
            accessKeyId,
            accountId: server.root.accountId,
            userId: user.userId,
            status: k.status,
            createDate: new Date(now - k.ageDays * DAY_MS - 12 * HOUR_MS),
            encryptedSecret: secretBox.seal(ids.accessKeySecret(), accessKeyId),
            lastUsedDate: null,
          },
          2,
        );
        if (daysSinceLastUse !== null) {
          await store.recordLastUsed([
            {
              accessKeyId,
              lastUsedDate: new Date(now - daysSinceLastUse * DAY_MS - 6 * HOUR_MS),
              serviceName: 'ram',
              region: null,
            },
          ]);
        }
        expected.set(accessKeyId, {
          user: userName(i),
          status: k.status,
          ageDays: k.ageDays,
          daysSinceLastUse,
        });
      }
    }
  } finally {
    await runtime.close();
  }
  return expected;
}

/** Splits CSV that has no quoted fields (true of this report: ids, names, dates and numbers). */
function parseCsv(text: string): string[][] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => line.split(','));
}

describe('akm report', () => {
  const suite = useCliSuite();
  let server: TestServer;
  let expected: Map<string, Expected>;
  const asRoot = (...args: string[]) => suite.asRoot(...args);

  beforeAll(async () => {
    server = suite.server;
    expected = await seed(server, Date.now());
  });

  /** Checks the 400 user rows against the seed, whatever the format they came in. */
  function expectSeededRows(rows: readonly Row[]): void {
    expect(rows).toHaveLength(USERS * 2);
    expect(new Set(rows.map((r) => r.access_key_id))).toEqual(new Set(expected.keys()));
    for (const row of rows) {
      const seeded = expected.get(row.access_key_id);
      expect(row).toMatchObject({
        account_id: server.root.accountId,
        user: seeded?.user,
        status: seeded?.status,
        age_days: seeded?.ageDays,
        days_since_last_use: seeded?.daysSinceLastUse,
      });
      expect(row.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(row.last_used === null).toBe(seeded?.daysSinceLastUse === null);
    }
    // Users in ListUsers order (paged: 200 users are two pages), each user's two keys together.
    const users = rows.map((r) => r.user).filter((u, i, all) => all.indexOf(u) === i);
    expect(users).toEqual(Array.from({ length: USERS }, (_, i) => userName(i)));
  }

  it('CSV: a header, the root key, then exactly 400 rows with the seeded ages (and no progress when piped)', async () => {
    const result = await asRoot('report');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [header, rootRow, ...rows] = parseCsv(result.stdout);
    expect(header?.join(',')).toBe(COLUMNS);
    expect(rows).toHaveLength(400);
    expect(rootRow?.slice(0, 4)).toEqual([
      server.root.accountId,
      '<root>',
      server.root.accessKeyId,
      'Active',
    ]);
    expect(rootRow?.[5]).toBe('0');
    expectSeededRows(
      rows.map((cells) => ({
        account_id: cells[0] ?? '',
        user: cells[1] ?? '',
        access_key_id: cells[2] ?? '',
        status: cells[3] ?? '',
        created: cells[4] ?? '',
        age_days: Number(cells[5]),
        last_used: cells[6] === '' ? null : (cells[6] ?? null),
        days_since_last_use: cells[7] === '' ? null : Number(cells[7]),
      })),
    );
  });

  it('JSON: generated_at and the same rows; ages are whole days from generated_at', async () => {
    const report = okJson(await asRoot('report', '--format', 'json', '--quiet'));
    const generatedAt = Date.parse(String(report.generated_at));
    const [root, ...rows] = report.rows as Row[];
    expect(root).toMatchObject({
      user: '<root>',
      access_key_id: server.root.accessKeyId,
      days_since_last_use: 0,
    });
    expectSeededRows(rows);
    for (const row of rows) {
      expect(row.age_days).toBe(Math.floor((generatedAt - Date.parse(row.created)) / DAY_MS));
    }
  });

  it('run by a read-only user: every user key (its own included) and no root rows', async () => {
    const auditor = await suite.createUserWithKey('auditor');
    okJson(await asRoot('policy', 'attach', '--user', 'auditor', '--policy', 'AliyunRAMReadOnlyAccess'));
    const report = okJson(await suite.as(auditor, 'report', '--format', 'json'));
    const rows = report.rows as Row[];
    expect(rows).toHaveLength(401);
    expect(rows[0]).toMatchObject({ user: 'auditor', access_key_id: auditor.accessKeyId, age_days: 0 });
    expect(rows.some((r) => r.user === '<root>')).toBe(false);
    expectSeededRows(rows.slice(1));
    okJson(await asRoot('policy', 'detach', '--user', 'auditor', '--policy', 'AliyunRAMReadOnlyAccess'));
    okJson(await asRoot('key', 'delete', '--user', 'auditor', '--key-id', auditor.accessKeyId));
    okJson(await asRoot('user', 'delete', '--user', 'auditor'));
  });

  it('on a terminal: progress on stderr unless --quiet, and tables by default for other commands', async () => {
    // `script` gives the command a pseudo-terminal for stdout and stderr (they arrive merged here).
    // Asynchronously: the server under test runs in this process.
    const onTerminal = async (args: string) =>
      (
        await promisify(execFile)(
          'script',
          ['-qec', `"${process.execPath}" "${AKM_BIN}" ${args}`, '/dev/null'],
          {
            env: { ...process.env, ...credentialsEnv(server, server.root), HOME: suite.home },
            encoding: 'utf8',
          },
        )
      ).stdout;
    expect(await onTerminal('report')).toContain(`akm: report: users ${USERS}/${USERS}`);
    expect(await onTerminal('report --quiet')).not.toContain('akm: report: users');
    expect(await onTerminal('whoami')).toMatch(/^Account {2,}\d{16}\r?\nIdentity {2,}root\r?\n/);
  });

  it('--format other than csv or json is a usage error', async () => {
    const result = await asRoot('report', '--format', 'xlsx');
    expect([result.code, result.stderr]).toEqual([2, 'akm: --format must be csv or json, not "xlsx"\n']);
    expect(okTable(await asRoot('report', '--help')).startsWith('Usage: akm report')).toBe(true);
  });
});
