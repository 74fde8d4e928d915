// V3 (ACS3-HMAC-SHA256) authentication over raw HTTP: signed headers, Host, body hash, SignedHeaders, canonicalisation.
import { stringify } from 'node:querystring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAcsTimestamp, signAcsV3Request } from '../../src/signing/client-sign.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { makeCaller } from '../support/e2e-ram-callers.js';
import {
  expectRamClientError,
  expectRamError,
  newNonce,
  RAM_VERSION,
  type RawRequest,
  sendRaw,
  sha256,
  signV3Exact,
  V3_POST,
  v3Headers,
} from '../support/e2e-raw-ram.js';

const TRICKY_NAME = "Alice Smith (dev)*!'~ 张三";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.destroy();
});

describe('V3 (ACS3-HMAC-SHA256)', () => {
  const build = (action = 'ListUsers', params: Record<string, string> = {}) =>
    V3_POST.build(server, { action, params, credentials: server.root });
  const withHeader = (req: RawRequest, name: string, value: string): RawRequest => ({
    ...req,
    headers: { ...req.headers, [name]: value },
  });

  it('accepts a correctly signed request with an extra unsigned header (control)', async () => {
    expect((await sendRaw(server, withHeader(build(), 'x-unsigned-extra', 'anything'))).status).toBe(200);
  });

  it.each([
    ['x-acs-action', 'another action', 'SignatureDoesNotMatch', 400, (): string => 'GetSecurityPreference'],
    ['x-acs-action', 'an unknown action', 'InvalidAction.NotFound', 404, (): string => 'NoSuchAction'],
    ['x-acs-version', 'another version', 'InvalidVersion', 400, (): string => '2019-08-15'],
    ['x-acs-signature-nonce', 'another nonce', 'SignatureDoesNotMatch', 400, (): string => newNonce()],
    ['x-acs-credentials-provider', 'sts', 'SignatureDoesNotMatch', 400, (): string => 'sts'],
    [
      'x-acs-date',
      'a minute earlier',
      'SignatureDoesNotMatch',
      400,
      (): string => formatAcsTimestamp(new Date(Date.now() - 60_000)),
    ],
  ] as const)(
    'refuses %s changed to %s after signing with %s (%i)',
    async (name, _label, code, status, value) => {
      expectRamError(await sendRaw(server, withHeader(build(), name, value())), status, code);
    },
  );

  it.each(['PUT', 'DELETE'])(
    'refuses the method %s (RAM takes GET or POST) with a RAM 4xx',
    async (method) => {
      const headers = v3Headers(server, 'ListUsers', formatAcsTimestamp(new Date()));
      const authorization = signV3Exact({
        method,
        query: {},
        headers,
        signedHeaders: Object.keys(headers),
        payloadHash: sha256(''),
        credentials: server.root,
      });
      expectRamClientError(
        await sendRaw(server, { method, path: '/', headers: { ...headers, authorization } }),
      );
    },
  );

  it('refuses a request whose Host differs from the signed one with SignatureDoesNotMatch', async () => {
    const port = new URL(server.url).port;
    expectRamError(
      await sendRaw(server, withHeader(build(), 'host', `localhost:${port}`)),
      400,
      'SignatureDoesNotMatch',
    );
  });

  it('refuses a body swapped under the signature (x-acs-content-sha256 mismatch) with SignatureDoesNotMatch', async () => {
    const form = 'application/x-www-form-urlencoded';
    const headers = signAcsV3Request({
      method: 'POST',
      host: server.endpoint,
      query: {},
      body: 'MaxItems=5',
      contentType: form,
      action: 'ListUsers',
      version: RAM_VERSION,
      accessKeyId: server.root.accessKeyId,
      secret: server.root.accessKeySecret,
    });
    const ok = await sendRaw(server, { method: 'POST', path: '/', headers, body: 'MaxItems=5' });
    expect(ok.status).toBe(200);
    const swapped = {
      method: 'POST',
      path: '/',
      headers: { ...headers, 'x-acs-signature-nonce': newNonce() },
      body: 'MaxItems=6',
    };
    expectRamError(await sendRaw(server, swapped), 400, 'SignatureDoesNotMatch');
    const rehashed = {
      ...swapped,
      headers: { ...swapped.headers, 'x-acs-content-sha256': sha256('MaxItems=6') },
    };
    expectRamError(await sendRaw(server, rehashed), 400, 'SignatureDoesNotMatch');
  });

  it('refuses a body added to a request signed with an empty body', async () => {
    const req = build();
    const body = 'MaxItems=1';
    const res = await sendRaw(server, {
      ...req,
      headers: { ...req.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    // The added content-type is unsigned, and a body's content-type must be signed.
    expectRamError(res, 400, 'IncompleteSignature');
  });

  it.each([
    'host',
    'x-acs-action',
    'x-acs-version',
    'x-acs-date',
    'x-acs-signature-nonce',
    'x-acs-content-sha256',
  ])('refuses an Authorization whose SignedHeaders omit %s with IncompleteSignature', async (omitted) => {
    const headers = v3Headers(server, 'ListUsers', formatAcsTimestamp(new Date()));
    const signedHeaders = Object.keys(headers).filter((h) => h !== omitted);
    const authorization = signV3Exact({
      method: 'POST',
      query: {},
      headers,
      signedHeaders,
      payloadHash: sha256(''),
      credentials: server.root,
    });
    expectRamError(
      await sendRaw(server, { method: 'POST', path: '/', headers: { ...headers, authorization } }),
      400,
      'IncompleteSignature',
    );
  });

  it.each([
    'ACS3-HMAC-SHA256 garbage',
    'ACS3-HMAC-SHA256 Credential=LTAIx,SignedHeaders=host',
    'ACS3-HMAC-SHA256 Credential=,SignedHeaders=host;x-acs-action,Signature=00',
  ])('refuses the malformed Authorization %j with 400 IncompleteSignature', async (authorization) => {
    const headers = { ...v3Headers(server, 'ListUsers', formatAcsTimestamp(new Date())), authorization };
    expectRamError(await sendRaw(server, { method: 'POST', path: '/', headers }), 400, 'IncompleteSignature');
  });

  it('refuses an unsupported algorithm (ACS3-HMAC-SM3) with 400', async () => {
    const headers = v3Headers(server, 'ListUsers', formatAcsTimestamp(new Date()));
    const authorization = signV3Exact({
      method: 'POST',
      query: {},
      headers,
      signedHeaders: Object.keys(headers),
      payloadHash: sha256(''),
      credentials: server.root,
      algorithm: 'ACS3-HMAC-SM3',
    });
    expectRamError(
      await sendRaw(server, { method: 'POST', path: '/', headers: { ...headers, authorization } }),
      400,
      /./,
    );
  });

  it.each(['yesterday', '2026-11-29 20:00:00', '2026-13-45T99:99:99Z'])(
    'refuses x-acs-date=%s with InvalidTimeStamp.Format',
    async (date) => {
      const headers = v3Headers(server, 'ListUsers', date);
      const authorization = signV3Exact({
        method: 'POST',
        query: {},
        headers,
        signedHeaders: Object.keys(headers),
        payloadHash: sha256(''),
        credentials: server.root,
      });
      expectRamError(
        await sendRaw(server, { method: 'POST', path: '/', headers: { ...headers, authorization } }),
        400,
        'InvalidTimeStamp.Format',
      );
    },
  );

  it('refuses a request with x-acs-action but no Authorization with 400 Missing*', async () => {
    const headers = v3Headers(server, 'ListUsers', formatAcsTimestamp(new Date()));
    expectRamError(await sendRaw(server, { method: 'POST', path: '/', headers }), 400, /^Missing/);
  });

  it("verifies over decoded values when the query was written with querystring.stringify (raw `()*!'`)", async () => {
    const query = { UserName: 'v3-tricky', DisplayName: TRICKY_NAME, Comments: 'a+b=c&d' };
    const headers = signAcsV3Request({
      method: 'POST',
      host: server.endpoint,
      query,
      action: 'CreateUser',
      version: RAM_VERSION,
      accessKeyId: server.root.accessKeyId,
      secret: server.root.accessKeySecret,
    });
    const path = `/?${stringify(query)}`;
    expect(path).toContain('(dev)*!');
    const res = await sendRaw(server, { method: 'POST', path, headers });
    expect(res.status).toBe(200);
    const root = makeCaller('ram20150501 V3', server, server.root);
    const user = (await root.call('GetUser', { UserName: 'v3-tricky' })).User;
    expect(user).toMatchObject({ DisplayName: TRICKY_NAME, Comments: 'a+b=c&d' });
  });
});
