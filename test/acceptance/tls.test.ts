/**
 * `--tls-cert/--tls-key` (here AKM_TLS_CERT/AKM_TLS_KEY): akm serves HTTPS with a self-signed certificate
 * generated at test time. Clients trust it explicitly (the SDK's `ca`, an https Agent's `ca`, or
 * NODE_EXTRA_CA_CERTS in a child process); verification is never switched off.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { Agent, get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as OpenApi from '@alicloud/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeQuery, signAcsV1Params } from '../../src/signing/client-sign.js';
import { akmEnv, runAkm } from '../support/akm-cli-process.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { type Credentials, popClient, Ram, RamClient } from '../support/ram-clients.js';

/** The official RAM client over HTTPS, trusting `ca` (or only the system store when omitted). */
function httpsRamClient(endpoint: string, credentials: Credentials, signature: 'v3' | 'v2', ca?: string) {
  const config = new OpenApi.$OpenApiUtil.Config({
    ...credentials,
    endpoint,
    protocol: 'https',
    regionId: 'cn-hangzhou',
    ...(signature === 'v2' ? { signatureAlgorithm: 'v2' } : {}),
    ...(ca === undefined ? {} : { ca }),
  });
  return new RamClient(config);
}

/** GETs a URL with node:https (trusting `ca`) or node:http, resolving to status and body. */
function fetchWith(url: string, ca?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const onResponse = (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    };
    const req = url.startsWith('https:') ? httpsGet(url, { ca }, onResponse) : httpGet(url, onResponse);
    req.on('error', reject);
  });
}

/** Node's global fetch in a child process that trusts the certificate through NODE_EXTRA_CA_CERTS. */
async function fetchInChild(url: string, certFile: string): Promise<{ status: number; body: string }> {
  const script =
    'const r = await fetch(process.argv[1]); process.stdout.write(JSON.stringify({ status: r.status, body: await r.text() }));';
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, url], {
    env: akmEnv({ NODE_EXTRA_CA_CERTS: certFile }),
  });
  return JSON.parse(stdout) as { status: number; body: string };
}

describe('HTTPS with a self-signed certificate', () => {
  let dir: string;
  let certFile: string;
  let certPem: string;
  let server: TestServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'akm-tls-'));
    certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1'],
        ...['-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1', '-keyout', keyFile, '-out', certFile],
      ],
      { stdio: 'ignore' },
    );
    certPem = readFileSync(certFile, 'utf8');
    server = await startTestServer({ env: { AKM_TLS_CERT: certFile, AKM_TLS_KEY: keyFile } });
  });

  afterAll(async () => {
    await server?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on an https URL', () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  for (const signature of ['v3', 'v2'] as const) {
    it(`serves the official ram20150501 client over HTTPS (${signature} signature)`, async () => {
      const client = httpsRamClient(server.endpoint, server.root, signature, certPem);
      const userName = `tls-${signature}`;
      const created = await client.createUser(new Ram.CreateUserRequest({ userName }));
      expect(created.statusCode).toBe(200);
      const got = await client.getUser(new Ram.GetUserRequest({ userName }));
      expect(got.body?.user?.userName).toBe(userName);
    });
  }

  it('serves @alicloud/pop-core over HTTPS, GET and POST, through an Agent trusting the certificate', async () => {
    const pop = popClient(server.url, server.root);
    const agent = new Agent({ ca: certPem });
    try {
      for (const method of ['GET', 'POST'] as const) {
        const listed = (await pop.request('ListAccessKeys', {}, { method, agent })) as {
          AccessKeys: { AccessKey: Array<{ AccessKeyId: string }> };
        };
        expect(listed.AccessKeys.AccessKey.map((k) => k.AccessKeyId)).toEqual([server.root.accessKeyId]);
      }
    } finally {
      agent.destroy();
    }
  });

  it('is refused by the official client when the certificate is not trusted (verification stays on)', async () => {
    const client = httpsRamClient(server.endpoint, server.root, 'v3');
    await expect(client.listUsers(new Ram.ListUsersRequest({}))).rejects.toThrow(
      /self[- ]signed|certificate/i,
    );
  });

  it('answers /healthz over node:https', async () => {
    const health = await fetchWith(`${server.url}/healthz`, certPem);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
  });

  it("answers /healthz and a V1-signed call through Node's fetch", async () => {
    const health = await fetchInChild(`${server.url}/healthz`, certFile);
    expect(health.status).toBe(200);
    const params = signAcsV1Params({
      method: 'GET',
      params: { Action: 'ListUsers', Version: '2015-05-01' },
      accessKeyId: server.root.accessKeyId,
      secret: server.root.accessKeySecret,
    });
    const signed = await fetchInChild(`${server.url}/?${encodeQuery(params)}`, certFile);
    expect(signed.status).toBe(200);
    expect(JSON.parse(signed.body)).toMatchObject({ Users: { User: expect.any(Array) } });
  });

  it('does not answer plain HTTP on the TLS port', async () => {
    const plainUrl = server.url.replace(/^https:/, 'http:');
    const outcome = await fetchWith(`${plainUrl}/healthz`).then(
      (response) => `HTTP ${response.status}`,
      (error: NodeJS.ErrnoException) => `error ${error.code ?? error.message}`,
    );
    expect(outcome).not.toBe('HTTP 200');
    expect(outcome).toMatch(/^error |^HTTP [45]\d\d$/);
    const client = httpsRamClient(server.endpoint, server.root, 'v3', certPem);
    const overHttp = new RamClient(
      new OpenApi.$OpenApiUtil.Config({
        accessKeyId: server.root.accessKeyId,
        accessKeySecret: server.root.accessKeySecret,
        endpoint: server.endpoint,
        protocol: 'http',
        regionId: 'cn-hangzhou',
      }),
    );
    await expect(overHttp.listUsers(new Ram.ListUsersRequest({}))).rejects.toThrow();
    // The server survived the plain-HTTP attempts.
    expect((await client.listUsers(new Ram.ListUsersRequest({}))).statusCode).toBe(200);
  });

  it('refuses a missing certificate file at start-up with a clear message, not a stack trace', async () => {
    const missingCert = join(dir, 'no-such-cert.pem');
    const args = ['serve', '--data-dir', server.dataDir, '--port', '0'];
    const result = await runAkm([...args, '--tls-cert', missingCert, '--tls-key', join(dir, 'key.pem')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(missingCert);
    expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });
});
