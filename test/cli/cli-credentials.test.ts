/**
 * Where the CLI's credentials come from (environment, `akm configure` profiles, flags), `akm whoami`
 * for the root and for a user, and the transport: https with `--ca` or NODE_EXTRA_CA_CERTS, a wrong
 * secret, and an endpoint that does not answer.
 */
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/akm-cli-process.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { makeSelfSignedCertificate, type SelfSignedCertificate } from '../support/self-signed-certificate.js';
import {
  credentialsEnv,
  expectApiError,
  expectUsageError,
  type KeyPair,
  makeHome,
  okJson,
  okTable,
  runCli,
  tableCells,
  useCliSuite,
} from './cli-harness.js';

describe('akm credentials, configure and whoami', () => {
  const suite = useCliSuite();
  let server: TestServer;
  let frank: KeyPair;
  const credentialsFile = () => join(suite.home, '.akm', 'credentials');
  const akm = (args: string[], env: Record<string, string> = {}, input?: string) =>
    suite.run(args, { env, ...(input === undefined ? {} : { input }) });

  beforeAll(async () => {
    server = suite.server;
    frank = await suite.createUserWithKey('frank');
  });

  it('whoami names the root: account id, identity and AccessKeyId, in both modes', async () => {
    const env = credentialsEnv(server, server.root);
    expect(okJson(await akm(['whoami'], env))).toEqual({
      RequestId: expect.any(String),
      IdentityType: 'Account',
      AccountId: server.root.accountId,
      UserId: server.root.accountId,
      AccessKeyId: server.root.accessKeyId,
    });
    expect(tableCells(okTable(await akm(['whoami', '-o', 'table'], env)))).toEqual([
      ['Account', server.root.accountId],
      ['Identity', 'root'],
      ['AccessKeyId', server.root.accessKeyId],
    ]);
  });

  it('whoami names a user, even one with no permissions at all', async () => {
    const env = credentialsEnv(server, frank);
    expect(okJson(await akm(['whoami'], env))).toMatchObject({
      IdentityType: 'RAMUser',
      AccountId: server.root.accountId,
      UserName: 'frank',
      UserId: expect.stringMatching(/^\d{16}$/),
      AccessKeyId: frank.accessKeyId,
    });
    expect(tableCells(okTable(await akm(['whoami', '-o', 'table'], env)))).toContainEqual([
      'Identity',
      'user frank',
    ]);
    expectApiError(await akm(['user', 'list'], env), 'NoPermission');
  });

  it('configure reads the secret from stdin and writes a 0600 file in a 0700 directory', async () => {
    const result = await akm(
      ['configure', '--endpoint', server.url, '--access-key-id', server.root.accessKeyId],
      {},
      `${server.root.accessKeySecret}\n`,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Saved profile [default] in ${credentialsFile()}.\n`);
    expect(result.stdout + result.stderr).not.toContain(server.root.accessKeySecret);
    expect(statSync(credentialsFile()).mode & 0o777).toBe(0o600);
    expect(statSync(join(suite.home, '.akm')).mode & 0o777).toBe(0o700);
    expect(readFileSync(credentialsFile(), 'utf8')).toBe(
      `[default]\nendpoint = ${server.url}\naccess_key_id = ${server.root.accessKeyId}\naccess_key_secret = ${server.root.accessKeySecret}\n`,
    );
  });

  it('commands use the default profile when no environment credentials are set', async () => {
    expect(okJson(await akm(['whoami'])).AccessKeyId).toBe(server.root.accessKeyId);
  });

  it('configure --profile adds a profile (--access-key-secret for scripts) and keeps the others', async () => {
    okTable(
      await akm([
        'configure',
        '--profile',
        'frank',
        '--endpoint',
        `${server.url}/`,
        '--access-key-id',
        frank.accessKeyId,
        '--access-key-secret',
        frank.accessKeySecret,
      ]),
    );
    const text = readFileSync(credentialsFile(), 'utf8');
    expect(text).toContain('[default]');
    expect(text).toContain(`[frank]\nendpoint = ${server.url}\n`);
    expect(okJson(await akm(['whoami', '--profile', 'frank'])).UserName).toBe('frank');
    expect(okJson(await akm(['whoami'], { AKM_PROFILE: 'frank' })).UserName).toBe('frank');
  });

  it('environment credentials win over the default profile; an explicit --profile wins over them', async () => {
    const env = { AKM_ACCESS_KEY_ID: frank.accessKeyId, AKM_ACCESS_KEY_SECRET: frank.accessKeySecret };
    expect(okJson(await akm(['whoami'], env)).UserName).toBe('frank');
    expect(okJson(await akm(['whoami', '--profile', 'default'], env)).IdentityType).toBe('Account');
  });

  it('--endpoint and AKM_ENDPOINT override the profile endpoint', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await akm(['whoami', '--endpoint', dead]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(new RegExp(`^akm: cannot reach ${dead}: .*ECONNREFUSED`));
    expect((await akm(['whoami'], { AKM_ENDPOINT: dead })).code).toBe(1);
    expect(okJson(await akm(['whoami', '--endpoint', server.url], { AKM_ENDPOINT: dead })).IdentityType).toBe(
      'Account',
    );
  });

  it('a wrong secret is the server answering SignatureDoesNotMatch (exit 1)', async () => {
    const env = { ...credentialsEnv(server, server.root), AKM_ACCESS_KEY_SECRET: 'x'.repeat(30) };
    expectApiError(await akm(['whoami'], env), 'SignatureDoesNotMatch');
  });

  it.each([
    [
      ['whoami', '--profile', 'nobody'],
      {},
      /no profile \[nobody\] in .*credentials; run `akm configure --profile nobody`/,
    ],
    [['whoami'], { AKM_ACCESS_KEY_ID: 'LTAIonly' }, /set both AKM_ACCESS_KEY_ID and AKM_ACCESS_KEY_SECRET/],
    [['whoami', '--endpoint', 'ftp://x'], {}, /invalid endpoint "ftp:\/\/x"/],
    [['whoami', '--ca', '/nonexistent/ca.pem'], {}, /cannot read the CA file \/nonexistent\/ca\.pem: ENOENT/],
    [['configure', '--endpoint', 'http://x'], {}, /missing --access-key-id/],
    [['configure', '--endpoint', 'http://x', '--access-key-id', 'A'], {}, /no AccessKey secret given/],
    [
      ['configure', '--profile', 'a b', '--endpoint', 'http://x', '--access-key-id', 'A'],
      {},
      /invalid profile name/,
    ],
  ])('usage error: akm %j exits 2', async (args, env, message) => {
    expectUsageError(await akm(args, env), message);
  });

  it('without any profile or environment there are no credentials (exit 2)', async () => {
    const empty = makeHome();
    try {
      expectUsageError(
        await runCli(['whoami'], empty.home),
        /no endpoint: pass --endpoint URL, set AKM_ENDPOINT/,
      );
      expectUsageError(await runCli(['whoami', '--endpoint', server.url], empty.home), /no credentials/);
    } finally {
      empty.remove();
    }
  });

  it('warns when the credentials file is readable by others', async () => {
    const other = makeHome();
    try {
      const env = { AKM_ENDPOINT: server.url };
      const input = `${server.root.accessKeySecret}\n`;
      const configure = ['configure', '--endpoint', server.url, '--access-key-id', server.root.accessKeyId];
      expect((await runCli(configure, other.home, { input })).code).toBe(0);
      chmodSync(join(other.home, '.akm', 'credentials'), 0o644);
      const result = await runCli(['whoami'], other.home, { env });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/warning: .*credentials is accessible by other users; run `chmod 600/);
    } finally {
      other.remove();
    }
  });

  describe('over https with a self-signed certificate', () => {
    let certificate: SelfSignedCertificate;
    let certFile: string;
    let tls: TestServer;

    beforeAll(async () => {
      certificate = makeSelfSignedCertificate();
      certFile = certificate.certFile;
      tls = await startTestServer({ env: { AKM_TLS_CERT: certFile, AKM_TLS_KEY: certificate.keyFile } });
    });

    afterAll(async () => {
      await tls.destroy();
      certificate.remove();
    });

    it('refuses the untrusted certificate with a hint (exit 1)', async () => {
      const result = await akm(['whoami'], credentialsEnv(tls, tls.root));
      expect(tls.url).toMatch(/^https:/);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /cannot reach https:.*self-signed.*pass --ca FILE or set NODE_EXTRA_CA_CERTS/,
      );
    });

    it('trusts it with --ca, NODE_EXTRA_CA_CERTS, or a profile ca_file', async () => {
      const env = credentialsEnv(tls, tls.root);
      expect(okJson(await akm(['whoami', '--ca', certFile], env)).AccountId).toBe(tls.root.accountId);
      expect(okJson(await akm(['whoami'], { ...env, NODE_EXTRA_CA_CERTS: certFile })).AccountId).toBe(
        tls.root.accountId,
      );
      const configure = [
        ...['configure', '--profile', 'tls', '--endpoint', tls.url],
        ...['--access-key-id', tls.root.accessKeyId, '--ca', certFile],
      ];
      okTable(await akm(configure, {}, tls.root.accessKeySecret));
      expect(okJson(await akm(['whoami', '--profile', 'tls'])).AccountId).toBe(tls.root.accountId);
    });
  });

  it('a hand-edited file with a broken line is a usage error naming the line', async () => {
    const broken = makeHome();
    try {
      mkdirSync(join(broken.home, '.akm'), { mode: 0o700 });
      writeFileSync(join(broken.home, '.akm', 'credentials'), '[default]\nendpoint\n', { mode: 0o600 });
      expectUsageError(
        await runCli(['whoami'], broken.home),
        /credentials, line 2: expected \[profile\] or key = value/,
      );
    } finally {
      broken.remove();
    }
  });
});
