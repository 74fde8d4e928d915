// Issue 3, acceptance 4, with a real database restart: while PostgreSQL is stopped requests fail cleanly
// (503 ServiceUnavailable, never a hang or a crash); once it is back they succeed, with no key lost.
// It stops the machine's PostgreSQL, so it runs alone (`npm run test:db-restart`, after `npm test` in CI).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf } from '../support/e2e-raw-ram.js';
import { type AkmCluster, type AkmNode, AkmCluster as Cluster } from '../support/multi-node-cluster.js';
import { callNode, eventually } from '../support/multi-node-raw.js';
import { Ram, ramClient } from '../support/ram-clients.js';

const enabled = Boolean(process.env.AKM_TEST_DATABASE_URL) && process.env.AKM_TEST_DATABASE_RESTART === '1';

/** `pg_ctlcluster <version> main <action>`, as the machine's services are managed. */
function pgCluster(action: 'stop' | 'start'): void {
  const version = readdirSync('/etc/postgresql')[0];
  if (!version) throw new Error('no PostgreSQL cluster under /etc/postgresql');
  const args = [
    '--skip-systemctl-redirect',
    version,
    'main',
    action,
    ...(action === 'stop' ? ['-m', 'fast'] : []),
  ];
  execFileSync('pg_ctlcluster', args, { stdio: 'pipe' });
}

async function health(node: AkmNode): Promise<number> {
  try {
    return (await fetch(`${node.url}/healthz`)).status;
  } catch {
    return 0;
  }
}

describe.runIf(enabled)('a real PostgreSQL restart under a running akm node', () => {
  let cluster: AkmCluster;
  let node: AkmNode;
  let root: { accountId: string; accessKeyId: string; accessKeySecret: string };
  const acknowledged: Array<{ accessKeyId: string; accessKeySecret: string }> = [];

  beforeAll(async () => {
    cluster = new Cluster();
    root = await cluster.init();
    node = await cluster.startNode({
      env: { AKM_DATABASE_CONNECT_TIMEOUT_MS: '1000', AKM_DATABASE_STATEMENT_TIMEOUT_MS: '1000' },
    });
    const client = ramClient(node.endpoint, root);
    for (const userName of ['alice', 'bob']) {
      await client.createUser(new Ram.CreateUserRequest({ userName }));
      await client.attachPolicyToUser(
        new Ram.AttachPolicyToUserRequest({
          userName,
          policyType: 'System',
          policyName: 'AliyunRAMReadOnlyAccess',
        }),
      );
      const created = await client.createAccessKey(new Ram.CreateAccessKeyRequest({ userName }));
      const key = created.body?.accessKey;
      if (!key?.accessKeyId || !key.accessKeySecret) throw new Error('CreateAccessKey returned no key');
      acknowledged.push({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret });
    }
  });

  afterAll(async () => {
    // Whatever happened, leave the machine's database running.
    try {
      pgCluster('start');
    } catch {
      // already running
    }
    await cluster?.destroy();
  });

  it('answers 503 ServiceUnavailable while the database is down, and stays alive', async () => {
    pgCluster('stop');
    try {
      for (const scheme of ['V1', 'V3'] as const) {
        const res = await callNode(scheme, node, root, 'ListUsers');
        expect(res.status, res.text).toBe(503);
        expect(codeOf(res)).toBe('ServiceUnavailable');
      }
      const client = ramClient(node.endpoint, root);
      await expect(
        client.createAccessKey(new Ram.CreateAccessKeyRequest({ userName: 'alice' })),
      ).rejects.toMatchObject({
        statusCode: 503,
        code: 'ServiceUnavailable',
      });
      expect(await health(node)).toBe(503);
    } finally {
      pgCluster('start');
    }
  });

  it('recovers by itself once the database is back, with every acknowledged key intact', async () => {
    await eventually('akm reports healthy again', async () => (await health(node)) === 200, 60_000);
    for (const key of acknowledged) {
      for (const scheme of ['V1', 'V3'] as const) {
        const res = await callNode(scheme, node, key, 'ListUsers');
        expect(res.status, res.text).toBe(200);
      }
    }
    const client = ramClient(node.endpoint, root);
    for (const userName of ['alice', 'bob']) {
      const listed = await client.listAccessKeys(new Ram.ListAccessKeysRequest({ userName }));
      const ids = (listed.body?.accessKeys?.accessKey ?? []).map((k) => k.accessKeyId);
      // Exactly the acknowledged key: the create refused during the outage left nothing behind.
      expect(ids).toEqual(
        acknowledged.filter((_, i) => i === (userName === 'alice' ? 0 : 1)).map((k) => k.accessKeyId),
      );
    }
  });
});
