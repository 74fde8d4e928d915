// Acceptance 2: after requests from two source addresses and user agents, GetAccessKeyLastUsed reports
// the last one and ListAccessKeyUsage the counts, on both wires' views, and both survive a restart.
import { request } from 'node:http';
import { GetAccessKeyLastUsedCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithKey } from '../support/acceptance-helpers.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { iamClient } from '../support/aws-clients.js';
import type { RawRequest } from '../support/e2e-raw-ram.js';
import { type Credentials, popClient, ramClient } from '../support/ram-clients.js';
import { targetOf, v3Request } from '../support/verified-service-clients.js';

let server: TestServer;
let alice: Credentials;

/** Sends `raw` to akm from the local address `from` (any 127.0.0.0/8 address reaches loopback). */
function sendFrom(from: string, raw: RawRequest): Promise<number> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { hostname, port, method: raw.method, path: raw.path, headers: raw.headers, localAddress: from },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function callerIdentityFrom(from: string, userAgent: string): Promise<void> {
  const signed = v3Request(targetOf(server.url), alice, { action: 'GetCallerIdentity', query: {} });
  expect(await sendFrom(from, { ...signed, headers: { ...signed.headers, 'user-agent': userAgent } })).toBe(
    200,
  );
}

async function lastUsed(): Promise<unknown> {
  const pop = popClient(server.url, server.root);
  return pop.request('GetAccessKeyLastUsed', { UserName: 'alice', UserAccessKeyId: alice.accessKeyId });
}

async function usage(): Promise<unknown> {
  const pop = popClient(server.url, server.root);
  return pop.request('ListAccessKeyUsage', { UserName: 'alice', UserAccessKeyId: alice.accessKeyId });
}

beforeAll(async () => {
  server = await startTestServer();
  alice = await createUserWithKey(ramClient(server.endpoint, server.root), 'alice');
  for (let i = 0; i < 3; i++) await callerIdentityFrom('127.0.0.2', 'agent-one/1.0');
  for (let i = 0; i < 2; i++) await callerIdentityFrom('127.0.0.3', 'agent-two/2.0');
});

afterAll(async () => {
  await server?.destroy();
});

const today = () => new Date().toISOString().slice(0, 10);

describe('per-key usage', () => {
  const LAST = {
    AccessKeyLastUsed: {
      ServiceName: 'ram',
      SourceIp: '127.0.0.3',
      UserAgent: 'agent-two/2.0',
      Action: 'GetCallerIdentity',
    },
  };

  it('GetAccessKeyLastUsed reports the last source address, user agent and action (RAM)', async () => {
    expect(await lastUsed()).toMatchObject(LAST);
  });

  it('the AWS SDK still parses the IAM answer, with IAM modelled fields', async () => {
    const iam = iamClient(server, server.root);
    const answer = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: alice.accessKeyId }));
    expect(answer.AccessKeyLastUsed).toMatchObject({ ServiceName: 'ram', Region: 'N/A' });
    expect(answer.AccessKeyLastUsed?.LastUsedDate).toBeInstanceOf(Date);
  });

  it('ListAccessKeyUsage counts the requests per day and service', async () => {
    expect(await usage()).toMatchObject({
      UserName: 'alice',
      AccessKeyId: alice.accessKeyId,
      Usage: { DailyUsage: [{ Date: today(), ServiceName: 'ram', RequestCount: 5 }] },
    });
  });

  it('keeps both across a restart', async () => {
    await server.stop();
    server = { ...server, ...(await startTestServer({ dataDir: server.dataDir, root: server.root })) };
    expect(await lastUsed()).toMatchObject(LAST);
    expect(await usage()).toMatchObject({
      Usage: { DailyUsage: [{ Date: today(), ServiceName: 'ram', RequestCount: 5 }] },
    });
  });
});
