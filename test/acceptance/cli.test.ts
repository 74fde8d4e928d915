/**
 * The `akm` CLI contract of issue 2, driven through the built binary (`node bin/akm.js`): init, serve,
 * account create while serving, SIGTERM draining, environment configuration, usage errors and the JSON
 * request log.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER_KEY_FILE } from '../../src/crypto/master-key.js';
import { encodeQuery, signAcsV1Params } from '../../src/signing/client-sign.js';
import {
  type AkmProcess,
  akmEnv,
  freePort,
  runAkm,
  spawnAkm,
  startAkmServe,
  stopAkm,
  waitForListening,
} from '../support/akm-cli-process.js';
import { type Credentials, Ram, ramClient } from '../support/ram-clients.js';

interface PrintedKey extends Credentials {
  readonly accountId: string;
}

/** Parses the one JSON line `init` / `account create` print, checking its exact shape. */
function parsePrintedKey(stdout: string): PrintedKey {
  expect(stdout.endsWith('\n')).toBe(true);
  expect(stdout.trimEnd().split('\n')).toHaveLength(1);
  const printed = JSON.parse(stdout) as Record<string, unknown>;
  expect(Object.keys(printed)).toEqual(['AccountId', 'AccessKeyId', 'AccessKeySecret']);
  expect(printed.AccountId).toMatch(/^\d{16}$/);
  expect(printed.AccessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
  expect(printed.AccessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
  return {
    accountId: String(printed.AccountId),
    accessKeyId: String(printed.AccessKeyId),
    accessKeySecret: String(printed.AccessKeySecret),
  };
}

/** Every file of a directory with a digest of its bytes. */
function digestTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    out[name] = createHash('sha256')
      .update(readFileSync(join(dir, name)))
      .digest('hex');
  }
  return out;
}

async function healthStatus(url: string): Promise<number> {
  return (await fetch(`${url}/healthz`)).status;
}

/** Resolves once nothing accepts connections on the port any more. */
async function waitUntilRefused(port: number): Promise<void> {
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const endpointOf = (url: string) => url.replace(/^http:\/\//, '');

describe('akm CLI (built binary)', () => {
  let base: string;
  let dataDir: string;
  let rootKey: PrintedKey;
  const running = new Set<AkmProcess>();
  const track = <T extends AkmProcess>(akm: T): T => {
    running.add(akm);
    return akm;
  };

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'akm-cli-'));
    dataDir = join(base, 'data');
  });

  afterAll(async () => {
    for (const akm of running) await stopAkm(akm);
    rmSync(base, { recursive: true, force: true });
  });

  it('init prints exactly one JSON line with the root key and creates DIR with a 0600 master key', async () => {
    const result = await runAkm(['init', '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    rootKey = parsePrintedKey(result.stdout);
    expect(result.stderr).not.toContain(rootKey.accessKeySecret);
    expect(existsSync(dataDir)).toBe(true);
    expect(statSync(join(dataDir, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('a second init refuses with a clear message and leaves DIR untouched', async () => {
    const before = digestTree(dataDir);
    const result = await runAkm(['init', '--data-dir', dataDir]);
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/already initiali[sz]ed/);
    expect(digestTree(dataDir)).toEqual(before);
  });

  describe('serve', () => {
    let server: AkmProcess & { readonly url: string };
    let port: number;
    /** Request ids of the RPC calls made to this server, and how many HTTP requests it got in all. */
    const requestIds: string[] = [];
    let requestCount = 0;
    const secretsSeen: string[] = [];

    beforeAll(async () => {
      port = await freePort();
      server = track(await startAkmServe(['--data-dir', dataDir, '--port', String(port)]));
    });

    it('listens on the given port, answers /healthz and a call signed with the printed key', async () => {
      expect(server.url).toBe(`http://127.0.0.1:${port}`);
      expect(await healthStatus(server.url)).toBe(200);
      const listed = await ramClient(endpointOf(server.url), rootKey).listUsers(new Ram.ListUsersRequest({}));
      requestCount += 2;
      requestIds.push(listed.body?.requestId ?? '');
      expect(listed.body?.users?.user).toEqual([]);
    });

    it('account create, run while serving, prints a key that works against the running server at once', async () => {
      const result = await runAkm(['account', 'create', '--data-dir', dataDir]);
      expect(result.code).toBe(0);
      const tenant = parsePrintedKey(result.stdout);
      expect(tenant.accountId).not.toBe(rootKey.accountId);
      const client = ramClient(endpointOf(server.url), tenant);
      const keys = await client.listAccessKeys(new Ram.ListAccessKeysRequest({}));
      const created = await client.createAccessKey(new Ram.CreateAccessKeyRequest({}));
      requestCount += 2;
      requestIds.push(keys.body?.requestId ?? '', created.body?.requestId ?? '');
      expect(keys.body?.accessKeys?.accessKey?.map((k) => k.accessKeyId)).toEqual([tenant.accessKeyId]);
      secretsSeen.push(
        rootKey.accessKeySecret,
        tenant.accessKeySecret,
        created.body?.accessKey?.accessKeySecret ?? '',
      );
    });

    it('on SIGTERM finishes the in-flight request, then exits 0', async () => {
      const body = encodeQuery(
        signAcsV1Params({
          method: 'POST',
          params: { Action: 'ListUsers', Version: '2015-05-01' },
          accessKeyId: rootKey.accessKeyId,
          secret: rootKey.accessKeySecret,
        }),
      );
      const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      };
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers });
      const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
      });
      // "100 Continue" proves the server is handling this request before the signal arrives.
      await new Promise<void>((resolve) => req.once('continue', () => resolve()));
      server.child.kill('SIGTERM');
      await waitUntilRefused(port);
      req.end(body);

      const answered = await response;
      requestCount += 1;
      expect(answered.status).toBe(200);
      const parsed = JSON.parse(answered.text) as { RequestId: string; Users: { User: unknown[] } };
      requestIds.push(parsed.RequestId);
      expect(parsed.Users.User).toEqual([]);
      expect(await server.exited).toEqual({ code: 0, signal: null });
    });

    it('logged one JSON line per request with requestId, action, accessKeyId, status and durationMs, and no secret', () => {
      const lines = server
        .stderr()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const requests = lines.filter((line) => line.msg === 'request');
      expect(requests).toHaveLength(requestCount);
      for (const id of requestIds) expect(requests.filter((r) => r.requestId === id)).toHaveLength(1);
      for (const entry of requests.filter((r) => r.path === '/')) {
        expect(entry).toMatchObject({
          requestId: expect.any(String),
          action: expect.stringMatching(/^(ListUsers|ListAccessKeys|CreateAccessKey)$/),
          accessKeyId: expect.stringMatching(/^LTAI/),
          status: 200,
          durationMs: expect.any(Number),
        });
      }
      for (const secret of secretsSeen) expect(server.stderr()).not.toContain(secret);
    });
  });

  it('is configured by AKM_DATA_DIR and AKM_PORT', async () => {
    const envDir = join(base, 'env-data');
    const port = await freePort();
    const env = akmEnv({ AKM_DATA_DIR: envDir, AKM_PORT: String(port) });
    const init = await runAkm(['init'], env);
    expect(init.code).toBe(0);
    const key = parsePrintedKey(init.stdout);
    expect(existsSync(join(envDir, MASTER_KEY_FILE))).toBe(true);

    const server = track(await startAkmServe([], env));
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    expect(await healthStatus(server.url)).toBe(200);
    const keys = await ramClient(endpointOf(server.url), key).listAccessKeys(
      new Ram.ListAccessKeysRequest({}),
    );
    expect(keys.body?.accessKeys?.accessKey?.map((k) => k.accessKeyId)).toEqual([key.accessKeyId]);
    expect(await stopAkm(server)).toEqual({ code: 0, signal: null });
  });

  it('start initialises a new data dir once (printing the root key), then serves', async () => {
    const startDir = join(base, 'start-data');
    const args = ['start', '--data-dir', startDir, '--port', '0'];
    const first = track(spawnAkm(args));
    const url = await waitForListening(first);
    expect(await healthStatus(url)).toBe(200);
    expect(await stopAkm(first)).toEqual({ code: 0, signal: null });
    const key = parsePrintedKey(first.stdout());

    const second = track(spawnAkm(args));
    const again = await waitForListening(second);
    const listed = await ramClient(endpointOf(again), key).listUsers(new Ram.ListUsersRequest({}));
    expect(listed.statusCode).toBe(200);
    expect(await stopAkm(second)).toEqual({ code: 0, signal: null });
    expect(second.stdout()).toBe('');
  });

  it('serve on an uninitialised data dir fails with a clear message', async () => {
    const result = await runAkm(['serve', '--data-dir', join(base, 'nothing-here'), '--port', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not an initiali[sz]ed akm data dir/);
  });

  const missing = () => join(base, 'never-created');
  const USAGE_ERRORS: Array<[string, () => string[], Record<string, string>]> = [
    ['an unknown command', () => ['frobnicate'], {}],
    ['an unknown flag', () => ['serve', '--data-dir', missing(), '--no-such-flag'], {}],
    ['a positional argument', () => ['init', 'extra'], {}],
    ['a non-numeric --port', () => ['serve', '--data-dir', missing(), '--port', 'http'], {}],
    ['an out-of-range --port', () => ['serve', '--data-dir', missing(), '--port', '70000'], {}],
    ['a bad AKM_PORT', () => ['serve', '--data-dir', missing()], { AKM_PORT: 'eighty' }],
  ];
  for (const [what, args, env] of USAGE_ERRORS) {
    it(`exits 2 on ${what}`, async () => {
      const result = await runAkm(args(), akmEnv(env));
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^akm: /);
      expect(existsSync(missing())).toBe(false);
    });
  }

  for (const args of [['--help'], ['serve', '--help'], ['account', 'create', '--help']]) {
    it(`${args.join(' ')} exits 0 with usage on stdout`, async () => {
      const result = await runAkm(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Usage/i);
    });
  }
});
