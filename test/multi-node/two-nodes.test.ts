/**
 * Issue 3, acceptance 3: two real `akm serve` processes on one PostgreSQL schema act as one service. The
 * key limit, replay protection, disabling and deleting keys, last use and new accounts hold across the
 * nodes; a node with the wrong master key, or on a schema of another version, refuses to start.
 */
import { escapeIdentifier } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../src/storage/migrations.js';
import { TEST_DATABASE_URL, withRawClient } from '../../src/storage/postgres/postgres-test-support.js';
import {
  createUserWithKey,
  keyStatuses,
  lastUsedDate,
  type RamApi,
  sdkErrorOf,
} from '../support/acceptance-helpers.js';
import { waitForListening } from '../support/akm-cli-process.js';
import type { RootKey } from '../support/akm-test-server.js';
import { codeOf, expectRamError, type RawResponse } from '../support/e2e-raw-ram.js';
import {
  AkmCluster,
  type AkmNode,
  type NodeSettings,
  randomMasterKey,
} from '../support/multi-node-cluster.js';
import { callNode, pollWithin, type Scheme, sendToNode, signedRequest } from '../support/multi-node-raw.js';
import { type Credentials, Ram, ramClient } from '../support/ram-clients.js';

const PER_NODE = 25;
const KEY_LIMIT = 2;
const READ_ONLY = 'AliyunRAMReadOnlyAccess';
/** Issue 3's bounds: a disable or delete reaches every node within 1 s, a last use within 2 s. */
const KEY_STATE_BOUND_MS = 1000;
const LAST_USE_BOUND_MS = 2000;
const SCHEMES: readonly Scheme[] = ['V1', 'V3'];

/** Applies `migrations` to a new schema the way an older akm would have left it. */
async function applyMigrations(schema: string, migrations: readonly Migration[]): Promise<void> {
  await withRawClient(async (client) => {
    await client.query(`CREATE SCHEMA ${escapeIdentifier(schema)}`);
    await client.query(`SET search_path TO ${escapeIdentifier(schema)}`);
    for (const migration of migrations) {
      await client.query('BEGIN');
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
      await client.query('COMMIT');
    }
  });
}

describe.runIf(Boolean(TEST_DATABASE_URL))('two akm nodes on one PostgreSQL (issue 3, acceptance 3)', () => {
  let cluster: AkmCluster;
  let a: AkmNode;
  let b: AkmNode;
  let root: RootKey;
  let rootA: RamApi;
  let rootB: RamApi;

  beforeAll(async () => {
    cluster = new AkmCluster();
    root = await cluster.init();
    [a, b] = await Promise.all([cluster.startNode(), cluster.startNode()]);
    rootA = ramClient(a.endpoint, root);
    rootB = ramClient(b.endpoint, root);
  }, 120_000);

  afterAll(async () => {
    // Undefined when the database was unreachable: the suite fails in beforeAll.
    await cluster?.destroy();
  }, 120_000);

  it(`keeps ${KEY_LIMIT} keys for ${PER_NODE} + ${PER_NODE} concurrent creates split across the nodes`, async () => {
    const userName = 'burst';
    await rootA.createUser(new Ram.CreateUserRequest({ userName }));

    const settled = await Promise.allSettled(
      Array.from({ length: 2 * PER_NODE }, (_, i) =>
        (i % 2 === 0 ? rootA : rootB).createAccessKey(new Ram.CreateAccessKeyRequest({ userName })),
      ),
    );

    const created = settled.flatMap((r) =>
      r.status === 'fulfilled' ? [r.value.body?.accessKey?.accessKeyId] : [],
    );
    const failures = settled.flatMap((r) => (r.status === 'rejected' ? [sdkErrorOf(r.reason)] : []));
    expect(created).toHaveLength(KEY_LIMIT);
    expect(failures).toEqual(
      Array.from({ length: 2 * PER_NODE - KEY_LIMIT }, () => ({
        code: 'LimitExceeded.User.AccessKey',
        statusCode: 409,
      })),
    );
    const expected = [...created].sort();
    expect(Object.keys(await keyStatuses(rootA, userName)).sort()).toEqual(expected);
    expect(Object.keys(await keyStatuses(rootB, userName)).sort()).toEqual(expected);
  });

  it.each(SCHEMES)(
    'refuses on node B a %s request node A accepted, replayed byte for byte',
    async (scheme) => {
      const signed = signedRequest(scheme, a, root, 'ListUsers', { MaxItems: '5' });
      // The exact same bytes, Host header included, go to both nodes.
      const wire = { ...signed, headers: { host: a.endpoint, ...signed.headers } };

      expect((await sendToNode(a, wire)).status).toBe(200);
      expectRamError(await sendToNode(b, wire), 400, 'SignatureNonceUsed');
    },
  );

  /** Polls node B with `key` until it is refused with `code`, for at most the key-state bound. */
  async function refusalOnB(key: Credentials, code: string, since: number) {
    const outcome = await pollWithin(
      since,
      KEY_STATE_BOUND_MS,
      () => callNode('V1', b, key, 'ListUsers'),
      (res: RawResponse) => {
        if (res.status === 200) return false;
        if (codeOf(res) === code) return true;
        throw new Error(`node B answered neither 200 nor ${code}: ${res.status} ${res.text}`);
      },
    );
    console.info(
      `[multi-node] ${code} on node B after ${outcome.delayMs?.toFixed(0) ?? 'more than the bound'} ms`,
    );
    expect(outcome.delayMs, `still accepted after ${KEY_STATE_BOUND_MS} ms`).toBeDefined();
    expect(outcome.delayMs).toBeLessThanOrEqual(KEY_STATE_BOUND_MS);
    return outcome.last;
  }

  it('refuses on node B, within 1 s, a key disabled through node A', async () => {
    const userName = 'disabled';
    const key = await createUserWithKey(rootA, userName, [READ_ONLY]);
    // Node B has seen the key in use, so anything it keeps about the key is warm.
    expect((await callNode('V1', b, key, 'ListUsers')).status).toBe(200);

    await rootA.updateAccessKey(
      new Ram.UpdateAccessKeyRequest({ userName, userAccessKeyId: key.accessKeyId, status: 'Inactive' }),
    );
    const refused = await refusalOnB(key, 'InvalidAccessKeyId.Inactive', performance.now());

    expectRamError(refused, 400, 'InvalidAccessKeyId.Inactive');
    expectRamError(await callNode('V3', b, key, 'ListUsers'), 400, 'InvalidAccessKeyId.Inactive');
  });

  it('refuses on node B, within 1 s, a key deleted through node A', async () => {
    const userName = 'deleted';
    const key = await createUserWithKey(rootA, userName, [READ_ONLY]);
    expect((await callNode('V1', b, key, 'ListUsers')).status).toBe(200);

    await rootA.deleteAccessKey(
      new Ram.DeleteAccessKeyRequest({ userName, userAccessKeyId: key.accessKeyId }),
    );
    const refused = await refusalOnB(key, 'InvalidAccessKeyId.NotFound', performance.now());

    expectRamError(refused, 404, 'InvalidAccessKeyId.NotFound');
    expectRamError(await callNode('V3', b, key, 'ListUsers'), 404, 'InvalidAccessKeyId.NotFound');
  });

  it('reports on node B, within 2 s, a use made through node A', async () => {
    const userName = 'last-use';
    const key = await createUserWithKey(rootA, userName, [READ_ONLY]);
    expect(await lastUsedDate(rootB, key.accessKeyId, userName)).toBeUndefined();

    const usedFrom = Date.now();
    expect((await callNode('V3', a, key, 'ListUsers')).status).toBe(200);
    const since = performance.now();
    const usedUntil = Date.now();
    const outcome = await pollWithin(
      since,
      LAST_USE_BOUND_MS,
      () => lastUsedDate(rootB, key.accessKeyId, userName),
      (date) => date !== undefined,
      50,
    );

    console.info(
      `[multi-node] last use on node B after ${outcome.delayMs?.toFixed(0) ?? 'more than the bound'} ms`,
    );
    expect(outcome.delayMs, `not visible after ${LAST_USE_BOUND_MS} ms`).toBeDefined();
    expect(outcome.delayMs).toBeLessThanOrEqual(LAST_USE_BOUND_MS);
    // RAM dates have whole seconds: allow the truncation on either side.
    const reported = Date.parse(outcome.last ?? '');
    expect(reported).toBeGreaterThanOrEqual(usedFrom - 1000);
    expect(reported).toBeLessThanOrEqual(usedUntil + 1000);
  });

  it('serves on both nodes an account made by `akm account create` while they run', async () => {
    const tenant = await cluster.createAccount();
    expect(tenant.accountId).not.toBe(root.accountId);

    await ramClient(a.endpoint, tenant).createUser(new Ram.CreateUserRequest({ userName: 'tenant-user' }));
    const seen = await ramClient(b.endpoint, tenant).getUser(
      new Ram.GetUserRequest({ userName: 'tenant-user' }),
    );
    expect(seen.body?.user?.userName).toBe('tenant-user');
    for (const node of [a, b]) {
      for (const scheme of SCHEMES)
        expect((await callNode(scheme, node, tenant, 'ListUsers')).status).toBe(200);
    }
  });

  /** Starts `akm serve` expecting it to refuse: it must exit non-zero without ever listening. */
  async function expectServeRefused(settings: NodeSettings): Promise<string> {
    const akm = cluster.spawnServe(settings);
    const url = await waitForListening(akm).catch(() => undefined);
    const { code } = await akm.exited;
    expect(url, 'the node started serving').toBeUndefined();
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    return akm.stderr();
  }

  it('refuses to start a node with a different master key', async () => {
    const stderr = await expectServeRefused({ env: { AKM_MASTER_KEY: randomMasterKey() } });

    expect(stderr).toMatch(/master key does not match/);
    expect((await callNode('V3', b, root, 'ListUsers')).status).toBe(200);
  });

  it('refuses to serve a schema newer than this akm knows', async () => {
    const schema = cluster.newSchema();
    await cluster.init({ schema });
    const newer = LATEST_SCHEMA_VERSION + 1;
    await withRawClient((client) =>
      client.query(
        `INSERT INTO ${escapeIdentifier(schema)}.schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
        [newer, 'from a newer akm', Date.now()],
      ),
    );

    const stderr = await expectServeRefused({ schema });

    expect(stderr).toContain(`schema version ${newer} is newer than this akm supports`);
    expect(stderr).toContain('upgrade akm');
    // Migrating never goes backwards either.
    const migrate = await cluster.run(['migrate'], { schema });
    expect(migrate.code).not.toBe(0);
    expect(migrate.stderr).toContain(`schema version ${newer} is newer than this akm supports`);
  });

  it('refuses to serve an older schema until `akm migrate` brings it up to date', async () => {
    const schema = cluster.newSchema();
    const older = MIGRATIONS.filter((m) => m.version < LATEST_SCHEMA_VERSION);
    await applyMigrations(schema, older);

    const stderr = await expectServeRefused({ schema });
    expect(stderr).toContain(`schema version ${LATEST_SCHEMA_VERSION - 1} is older than this akm requires`);
    expect(stderr).toContain('run `akm migrate`');

    const migrated = await cluster.run(['migrate'], { schema });
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(JSON.parse(migrated.stdout)).toEqual({ schemaVersion: LATEST_SCHEMA_VERSION });
    const node = await cluster.startNode({ schema });
    expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
    await cluster.stop(node);
  });
});
