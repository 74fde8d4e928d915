/**
 * Crash safety (issue 7): while clients create and delete AccessKeys concurrently against a real
 * `akm serve`, the process is killed with SIGKILL at a random moment and restarted on the same data.
 * Every create the server acknowledged must exist and authenticate, every acknowledged delete must stay
 * deleted, no user may hold more than two keys, and every signed request the server answered stays
 * refused as a replay (its nonce was committed before the answer) — over several rounds, on SQLite and
 * (when AKM_TEST_DATABASE_URL is set) on PostgreSQL. Operations cut off by the kill may have gone either way.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ACCESS_KEYS_PER_OWNER } from '../../src/domain/limits.js';
import {
  dropSchema,
  newSchemaName,
  TEST_DATABASE_URL,
  testDatabaseUrl,
  withRawClient,
} from '../../src/storage/postgres/postgres-test-support.js';
import type { Credentials } from '../support/ram-clients.js';
import { type BinaryServer, BinaryServerHost } from './support/binary-server.js';
import { dataDirPath, recordSecrets } from './support/evidence.js';
import { Prng } from './support/prng.js';
import {
  type CallTarget,
  callRam,
  createdKeyOf,
  isConnectionFailure,
  listedKeyIdsOf,
  type SignedRamCall,
  sendRam,
  signRam,
} from './support/signed-calls.js';

const ROUNDS = 5;
const USERS = 4;
const WORKERS_PER_USER = 2;
const SEED = Number(process.env.AKM_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** The audit probes hundreds of deleted keys from one address: budgets the throttle will not reach. */
const PROBING_BUDGETS = { AKM_AUTH_FAILURES_PER_KEY: '1000000', AKM_AUTH_FAILURES_PER_SOURCE: '1000000' };

/** What the clients were told, across rounds. */
interface Ledger {
  /** Keys whose create was acknowledged and whose delete was not, by user. */
  readonly live: Map<string, Map<string, Credentials>>;
  /** Keys whose delete was acknowledged. */
  readonly deleted: Set<string>;
}

/** One client: creates keys for its user, deletes acknowledged ones, until the server goes away. */
async function churn(target: CallTarget, root: Credentials, userName: string, ledger: Ledger, rng: Prng) {
  const live = ledger.live.get(userName) ?? new Map<string, Credentials>();
  ledger.live.set(userName, live);
  for (;;) {
    const known = [...live.values()];
    const deleting = known.length > 0 && (known.length >= MAX_ACCESS_KEYS_PER_OWNER || rng.chance(0.4));
    const key = deleting ? rng.pick(known) : undefined;
    // A delete cut off by the kill may have happened or not: the key stops being "acknowledged live".
    if (key) live.delete(key.accessKeyId);
    try {
      if (key) {
        const params = { UserName: userName, UserAccessKeyId: key.accessKeyId };
        const result = await callRam(target, root, 'DeleteAccessKey', params);
        // Another client of the same user may have deleted it first: then it is gone all the same.
        if (result.status !== 200 && result.code !== 'EntityNotExist.User.AccessKey') {
          throw new Error(`unexpected answer ${result.status} ${result.body}`);
        }
        ledger.deleted.add(key.accessKeyId);
      } else {
        const result = await callRam(target, root, 'CreateAccessKey', { UserName: userName });
        if (result.status === 200) {
          const created = createdKeyOf(result);
          recordSecrets([created.accessKeySecret]);
          live.set(created.accessKeyId, created);
        } else if (result.code !== 'LimitExceeded.User.AccessKey') {
          throw new Error(`unexpected answer ${result.status} ${result.body}`);
        }
      }
    } catch (error) {
      // The kill: a refused or reset connection ends this client; anything else is a failure.
      if (isConnectionFailure(error)) return;
      throw error;
    }
  }
}

/** How many of the last answered requests are replayed after each restart. */
const REPLAYED = 25;

/** One client: reads its identity until the server goes away; keeps the requests answered, newest last. */
async function read(target: CallTarget, root: Credentials, answered: SignedRamCall[]): Promise<void> {
  for (;;) {
    const call = signRam(target, root, 'GetCallerIdentity');
    try {
      const result = await sendRam(target, call);
      if (result.status !== 200) throw new Error(`unexpected answer ${result.status} ${result.body}`);
      answered.push(call);
    } catch (error) {
      if (isConnectionFailure(error)) return;
      throw error;
    }
  }
}

/** Replays the last answered requests against the restarted server; returns the problems found. */
async function replay(target: CallTarget, answered: readonly SignedRamCall[]): Promise<string[]> {
  const problems: string[] = [];
  for (const call of answered.slice(-REPLAYED)) {
    const result = await sendRam(target, call);
    if (result.code !== 'SignatureNonceUsed')
      problems.push(`a replayed request was answered ${result.status}`);
  }
  return problems;
}

/** Checks the ledger against the restarted server; returns the problems found. */
async function audit(target: CallTarget, root: Credentials, ledger: Ledger): Promise<string[]> {
  const problems: string[] = [];
  for (const [userName, live] of ledger.live) {
    const listed = listedKeyIdsOf(await callRam(target, root, 'ListAccessKeys', { UserName: userName }));
    if (listed.length > MAX_ACCESS_KEYS_PER_OWNER) problems.push(`${userName} holds ${listed.length} keys`);
    for (const key of live.values()) {
      if (!listed.includes(key.accessKeyId)) problems.push(`acknowledged key ${key.accessKeyId} is missing`);
      const used = await callRam(target, key, 'GetCallerIdentity');
      if (used.status !== 200) problems.push(`acknowledged key ${key.accessKeyId} fails: ${used.code}`);
    }
    for (const id of listed.filter((k) => ledger.deleted.has(k))) problems.push(`deleted key ${id} is back`);
  }
  // The most recent deletes are the ones a crash could lose; older ones were checked by earlier rounds.
  for (const id of [...ledger.deleted].slice(-200)) {
    const probe = await callRam(target, { accessKeyId: id, accessKeySecret: 'x' }, 'GetCallerIdentity');
    if (probe.code !== 'InvalidAccessKeyId.NotFound')
      problems.push(`deleted key ${id} answers ${probe.status}`);
  }
  return problems;
}

/**
 * Deletes the keys whose create or delete the kill cut off (they may or may not exist), so that every key
 * of the next round is known; they join the deleted ones the later audits check.
 */
async function sweepUncertainKeys(target: CallTarget, root: Credentials, ledger: Ledger): Promise<void> {
  for (const [userName, live] of ledger.live) {
    const listed = listedKeyIdsOf(await callRam(target, root, 'ListAccessKeys', { UserName: userName }));
    for (const id of listed.filter((k) => !live.has(k))) {
      const result = await callRam(target, root, 'DeleteAccessKey', {
        UserName: userName,
        UserAccessKeyId: id,
      });
      expect(result.status).toBe(200);
      ledger.deleted.add(id);
    }
  }
}

async function crashRounds(host: BinaryServerHost): Promise<void> {
  const rng = new Prng(SEED);
  await host.init();
  let server: BinaryServer = await host.start();
  const root = host.root;
  const users = Array.from({ length: USERS }, (_, i) => `crash-user-${i}`);
  for (const userName of users) {
    expect((await callRam(server, root, 'CreateUser', { UserName: userName })).status).toBe(200);
  }
  const ledger: Ledger = { live: new Map(), deleted: new Set() };
  for (let round = 1; round <= ROUNDS; round += 1) {
    const answered: SignedRamCall[] = [];
    const clients = users.flatMap((userName) =>
      Array.from({ length: WORKERS_PER_USER }, () => churn(server, root, userName, ledger, rng)),
    );
    clients.push(read(server, root, answered));
    await new Promise((resolve) => setTimeout(resolve, 300 + rng.int(1200)));
    const exit = await host.stop('SIGKILL');
    expect(exit.signal, `round ${round}: the server was killed`).toBe('SIGKILL');
    await Promise.all(clients);
    server = await host.start();
    expect(answered.length, `round ${round}: requests answered before the kill`).toBeGreaterThan(0);
    const problems = [...(await replay(server, answered)), ...(await audit(server, root, ledger))];
    expect(problems, `seed ${SEED}, round ${round}`).toEqual([]);
    await sweepUncertainKeys(server, root, ledger);
  }
  const acknowledged = [...ledger.live.values()].reduce((n, m) => n + m.size, 0) + ledger.deleted.size;
  expect(acknowledged, 'the load did some work').toBeGreaterThan(ROUNDS);
  await host.stop();
}

describe(`crash safety under kill -9 (seed ${SEED})`, () => {
  it(`keeps every acknowledged create, delete and nonce, and the key limit, over ${ROUNDS} crashes on SQLite`, async () => {
    await crashRounds(new BinaryServerHost('crash-sqlite', PROBING_BUDGETS));
  });

  describe.runIf(Boolean(TEST_DATABASE_URL))('on PostgreSQL', () => {
    const schema = newSchemaName();

    afterAll(async () => {
      // The scan needs the rows as they were: dump every table of the schema to the evidence folder.
      const dump = await withRawClient(async (client) => {
        const tables = await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
          [schema],
        );
        const lines: string[] = [];
        for (const { table_name } of tables.rows) {
          const rows = await client.query<{ row: string }>(
            `SELECT row_to_json(t)::text AS row FROM "${schema}"."${table_name}" t`,
          );
          lines.push(...rows.rows.map((r) => r.row));
        }
        return lines.join('\n');
      });
      writeFileSync(join(dataDirPath('crash-postgres'), '..', 'postgres-dump.jsonl'), dump);
      await dropSchema(schema);
    });

    it(`keeps every acknowledged create, delete and nonce, and the key limit, over ${ROUNDS} crashes`, async () => {
      await crashRounds(
        new BinaryServerHost('crash-postgres', { ...PROBING_BUDGETS, AKM_DATABASE_SCHEMA: schema }, [
          '--database-url',
          testDatabaseUrl(),
        ]),
      );
    });
  });
});
