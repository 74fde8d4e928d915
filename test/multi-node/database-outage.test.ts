/**
 * Issue 3, acceptance 4: a real `akm serve` reaches PostgreSQL through a TCP proxy the test cuts and
 * restores. While the link is down every call fails promptly with a clean 503 ServiceUnavailable and the
 * process stays up; when it returns akm recovers without a restart and nothing acknowledged is lost.
 */
import { escapeIdentifier } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TcpProxy,
  TEST_DATABASE_URL,
  withRawClient,
} from '../../src/storage/postgres/postgres-test-support.js';
import {
  createKey,
  createUserWithKey,
  keyStatuses,
  lastUsedDate,
  type RamApi,
  sdkErrorOf,
} from '../support/acceptance-helpers.js';
import type { RootKey } from '../support/akm-test-server.js';
import { expectRamError, type RawRequest } from '../support/e2e-raw-ram.js';
import { AkmCluster, type AkmNode } from '../support/multi-node-cluster.js';
import { callNode, eventually, sendToNode, signedRequest } from '../support/multi-node-raw.js';
import { type Credentials, Ram, ramClient } from '../support/ram-clients.js';

const CONNECT_TIMEOUT_MS = 1000;
const STATEMENT_TIMEOUT_MS = 1000;
/**
 * The longest an answer may take while the database is away: both configured timeouts, the driver's own
 * 2 s margin past the statement timeout, and generous slack. Reaching it means akm hung.
 */
const ANSWER_BOUND_MS = CONNECT_TIMEOUT_MS + STATEMENT_TIMEOUT_MS + 2000 + 6000;
const READ_ONLY = 'AliyunRAMReadOnlyAccess';
const USERS = ['alice', 'bob'] as const;
const FLUSH_FAILED = 'last-use flush failed';

describe.runIf(Boolean(TEST_DATABASE_URL))(
  'akm when PostgreSQL goes away and returns (issue 3, acceptance 4)',
  () => {
    let cluster: AkmCluster;
    let proxy: TcpProxy;
    let node: AkmNode;
    let root: RootKey;
    let api: RamApi;
    /** The keys whose creation akm acknowledged before the outage, by user. */
    const acknowledged = new Map<string, Credentials>();
    /** When the last use before the outage happened, by the test's clock. */
    let usedFrom = 0;
    let usedUntil = 0;
    /** A request refused with 503 during the outage, to send again unchanged afterwards. */
    let refusedDuringOutage: RawRequest | undefined;

    beforeAll(async () => {
      cluster = new AkmCluster();
      root = await cluster.init();
      proxy = await TcpProxy.start();
      node = await cluster.startNode({
        databaseUrl: proxy.url,
        env: {
          AKM_DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
          AKM_DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
          AKM_LAST_USE_FLUSH_MS: '1000',
        },
      });
      api = ramClient(node.endpoint, root);
    }, 120_000);

    afterAll(async () => {
      // Restore the link first, so the node can drain and flush before it stops.
      await proxy?.restore().catch(() => undefined);
      await cluster?.destroy();
      await proxy?.cut();
    }, 120_000);

    /** The key's last use as stored in the database, read directly (not through the proxy or akm). */
    async function storedLastUse(accessKeyId: string): Promise<number | null> {
      const schema = escapeIdentifier(cluster.schema);
      const { rows } = await withRawClient((client) =>
        client.query<{ last_used_date: string | null }>(
          `SELECT last_used_date FROM ${schema}.access_keys WHERE access_key_id = $1`,
          [accessKeyId],
        ),
      );
      const value = rows[0]?.last_used_date;
      return value === undefined || value === null ? null : Number(value);
    }

    /** Sends `req` and checks it was answered, within the bound, with a clean 503 ServiceUnavailable. */
    async function expectUnavailable(req: RawRequest): Promise<void> {
      const started = performance.now();
      const res = await sendToNode(node, req, ANSWER_BOUND_MS);
      console.info(`[multi-node] 503 during the outage after ${(performance.now() - started).toFixed(0)} ms`);
      expectRamError(res, 503, 'ServiceUnavailable');
    }

    it('acknowledges keys and a use, then loses the database', async () => {
      for (const userName of USERS)
        acknowledged.set(userName, await createUserWithKey(api, userName, [READ_ONLY]));
      const alice = acknowledged.get('alice');
      if (!alice) throw new Error('alice has no key');

      usedFrom = Date.now();
      expect((await callNode('V1', node, alice, 'ListUsers')).status).toBe(200);
      usedUntil = Date.now();
      // At once, so the use is most likely still waiting for its flush when the link goes.
      await proxy.cut();
    });

    it('answers 503 ServiceUnavailable while the database is away, and stays up', async () => {
      refusedDuringOutage = signedRequest('V1', node, root, 'ListUsers');
      await expectUnavailable(refusedDuringOutage);
      await expectUnavailable(signedRequest('V3', node, root, 'ListUsers'));
      for (const [, key] of acknowledged)
        await expectUnavailable(signedRequest('V3', node, key, 'ListUsers'));

      const creates = await Promise.allSettled(
        Array.from({ length: 3 }, () =>
          api.createAccessKey(new Ram.CreateAccessKeyRequest({ userName: 'bob' })),
        ),
      );
      expect(creates.map((r) => (r.status === 'rejected' ? sdkErrorOf(r.reason) : r.value.body))).toEqual(
        Array.from({ length: 3 }, () => ({ code: 'ServiceUnavailable', statusCode: 503 })),
      );

      const health = await fetch(`${node.url}/healthz`, { signal: AbortSignal.timeout(ANSWER_BOUND_MS) });
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'unavailable' });

      // The pending last use must meet a failed flush (unless it was written just before the cut).
      const alice = acknowledged.get('alice')?.accessKeyId ?? '';
      await eventually('a last-use flush failed', async () => {
        return node.process.stderr().includes(FLUSH_FAILED) || (await storedLastUse(alice)) !== null;
      });
      expect(node.process.child.exitCode).toBeNull();
      expect(node.process.child.signalCode).toBeNull();
    });

    it('recovers by itself when the database returns, having lost nothing acknowledged', async () => {
      const port = proxy.port;
      await proxy.restore();
      expect(proxy.port).toBe(port);
      await eventually('/healthz answers 200 again', async () => {
        const res = await fetch(`${node.url}/healthz`).catch(() => undefined);
        return res?.status === 200;
      });
      expect(node.process.child.exitCode).toBeNull();

      // The use made just before the outage reaches the database (retried after the failed flush). Checked
      // before the key is used again, so that only that use can be what is stored.
      const alice = acknowledged.get('alice')?.accessKeyId ?? '';
      await eventually('the last use is written', async () => (await storedLastUse(alice)) !== null);
      const stored = (await storedLastUse(alice)) ?? 0;
      expect(stored).toBeGreaterThanOrEqual(usedFrom - 1000);
      expect(stored).toBeLessThanOrEqual(usedUntil + 1000);
      expect(await lastUsedDate(api, alice, 'alice')).toEqual(expect.stringMatching(/Z$/));
      const retried = node.process.stderr().includes(FLUSH_FAILED);
      console.info(
        `[multi-node] last use retried after a failed flush: ${retried ? 'yes' : 'no (written before the cut)'}`,
      );

      // Every acknowledged key is there, alone (the 503 creates left nothing), and authenticates.
      for (const [userName, key] of acknowledged) {
        expect(Object.keys(await keyStatuses(api, userName))).toEqual([key.accessKeyId]);
        for (const scheme of ['V1', 'V3'] as const) {
          expect((await callNode(scheme, node, key, 'ListUsers')).status).toBe(200);
        }
      }
      // The refused request had not used up its nonce: sent again unchanged, it is served.
      if (!refusedDuringOutage) throw new Error('no request was refused during the outage');
      expect((await sendToNode(node, refusedDuringOutage)).status).toBe(200);

      // Writes work again and the per-user count is intact: bob had one key, so one more fits, not two.
      await createKey(api, 'bob');
      const third = await api
        .createAccessKey(new Ram.CreateAccessKeyRequest({ userName: 'bob' }))
        .catch(sdkErrorOf);
      expect(third).toEqual({ code: 'LimitExceeded.User.AccessKey', statusCode: 409 });
      expect(Object.keys(await keyStatuses(api, 'bob'))).toHaveLength(2);
    });
  },
);
