// V1 (HMAC-SHA1) authentication over raw HTTP: common parameters, methods, form bodies, canonicalisation.
import { stringify } from 'node:querystring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeQuery, signAcsV1Params } from '../../src/signing/client-sign.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { makeCaller, prop } from '../support/e2e-ram-callers.js';
import {
  expectRamClientError,
  expectRamError,
  RAM_VERSION,
  type RawResponse,
  sendRaw,
  signV1Exact,
  V1_GET,
  v1CommonParams,
} from '../support/e2e-raw-ram.js';

const TRICKY_NAME = "Alice Smith (dev)*!'~ 张三";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.destroy();
});

const v1Common = (action: string) => v1CommonParams(action, server.root);

function sendV1Exact(params: Record<string, string>): Promise<RawResponse> {
  const Signature = signV1Exact('GET', params, server.root.accessKeySecret);
  return sendRaw(server, { method: 'GET', path: `/?${encodeQuery({ ...params, Signature })}`, headers: {} });
}

describe('V1 (HMAC-SHA1)', () => {
  it('accepts a request signed independently of akm (control)', async () => {
    expect((await sendV1Exact(v1Common('ListUsers'))).status).toBe(200);
  });

  it.each(['AccessKeyId', 'SignatureNonce', 'Timestamp', 'SignatureMethod'])(
    'refuses a request without %s with 400 Missing<Param>',
    async (name) => {
      const params = v1Common('ListUsers');
      delete params[name];
      expectRamError(await sendV1Exact(params), 400, `Missing${name}`);
    },
  );

  it('refuses an unsigned request with 400 MissingSignature / MissingAccessKeyId', async () => {
    const bare = await sendRaw(server, {
      method: 'GET',
      path: `/?Action=ListUsers&Version=${RAM_VERSION}`,
      headers: {},
    });
    expectRamError(bare, 400, /^Missing/);
    const unsigned = await sendRaw(server, {
      method: 'GET',
      path: `/?${encodeQuery(v1Common('ListUsers'))}`,
      headers: {},
    });
    expectRamError(unsigned, 400, 'MissingSignature');
  });

  it.each([
    ['HMAC-SHA256', '1.0'],
    ['RSA', '1.0'],
    ['HMAC-SHA1', '2.0'],
  ])('refuses SignatureMethod=%s SignatureVersion=%s with 400', async (SignatureMethod, SignatureVersion) => {
    const res = await sendV1Exact({ ...v1Common('ListUsers'), SignatureMethod, SignatureVersion });
    expectRamError(res, 400, /./);
  });

  it.each(['yesterday', '2026/11/29 20:00:00', '2026-13-45T99:99:99Z', '1764446400'])(
    'refuses Timestamp=%s with InvalidTimeStamp.Format',
    async (Timestamp) => {
      expectRamError(
        await sendV1Exact({ ...v1Common('ListUsers'), Timestamp }),
        400,
        'InvalidTimeStamp.Format',
      );
    },
  );

  it('dispatches on the signed Action parameter, never on an unsigned x-acs-action header', async () => {
    const params: Record<string, string> = { ...v1Common('CreateUser'), UserName: 'v1-header-action' };
    delete params.Action;
    const Signature = signV1Exact('GET', params, server.root.accessKeySecret);
    const path = `/?${encodeQuery({ ...params, Signature })}`;
    const res = await sendRaw(server, { method: 'GET', path, headers: { 'x-acs-action': 'CreateUser' } });
    expectRamError(res, 400, 'MissingAction');
    const root = makeCaller('ram20150501 V3', server, server.root);
    expect(await root.fail('GetUser', { UserName: 'v1-header-action' })).toMatchObject({
      code: 'EntityNotExist.User',
    });
  });

  it.each(['PUT', 'DELETE', 'PATCH'])(
    'refuses the method %s (RAM takes GET or POST) with a RAM 4xx',
    async (method) => {
      const params = v1Common('ListUsers');
      const Signature = signV1Exact(method, params, server.root.accessKeySecret);
      const res = await sendRaw(server, {
        method,
        path: `/?${encodeQuery({ ...params, Signature })}`,
        headers: {},
      });
      expectRamClientError(res);
    },
  );

  it('refuses a GET signature sent as a POST with SignatureDoesNotMatch', async () => {
    const req = V1_GET.build(server, { action: 'ListUsers', credentials: server.root });
    expectRamError(await sendRaw(server, { ...req, method: 'POST' }), 400, 'SignatureDoesNotMatch');
  });

  it('refuses a Signature that is not base64 with SignatureDoesNotMatch', async () => {
    const params = v1Common('ListUsers');
    const path = `/?${encodeQuery({ ...params, Signature: '%%not-base64%%' })}`;
    expectRamError(await sendRaw(server, { method: 'GET', path, headers: {} }), 400, 'SignatureDoesNotMatch');
  });

  it('accepts a POST with a form body, and refuses one whose body was changed after signing', async () => {
    const sign = (MaxItems: string) =>
      signAcsV1Params({
        method: 'POST',
        params: { Action: 'ListUsers', Version: RAM_VERSION, MaxItems },
        accessKeyId: server.root.accessKeyId,
        secret: server.root.accessKeySecret,
      });
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const ok = await sendRaw(server, {
      method: 'POST',
      path: '/',
      headers: form,
      body: encodeQuery(sign('5')),
    });
    expect(ok.status).toBe(200);
    const body = encodeQuery({ ...sign('5'), MaxItems: '6' });
    expectRamError(
      await sendRaw(server, { method: 'POST', path: '/', headers: form, body }),
      400,
      'SignatureDoesNotMatch',
    );
  });

  it('verifies over decoded values when the query was written with querystring.stringify', async () => {
    const signed = signAcsV1Params({
      method: 'GET',
      params: { Action: 'CreateUser', Version: RAM_VERSION, UserName: 'v1-tricky', DisplayName: TRICKY_NAME },
      accessKeyId: server.root.accessKeyId,
      secret: server.root.accessKeySecret,
    });
    const path = `/?${stringify(signed)}`;
    expect(path).toContain('(dev)*!');
    const res = await sendRaw(server, { method: 'GET', path, headers: {} });
    expect(res.status).toBe(200);
    expect(prop(prop(res.json, 'User'), 'DisplayName')).toBe(TRICKY_NAME);
  });
});
