// Hostile request shapes (oversized bodies, undecodable or duplicated query parameters, huge values): always a RAM 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeQuery, formatAcsTimestamp } from '../../src/signing/client-sign.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import {
  codeOf,
  expectRamClientError,
  RAM_VERSION,
  type RawResponse,
  rfc3986,
  sendHeadersOnly,
  sendRaw,
  sha256,
  signV1Exact,
  signV3Exact,
  v1CommonParams,
  v3Headers,
} from '../support/e2e-raw-ram.js';

const TEN_KB = 10 * 1024;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.destroy();
});

/** A V1 GET whose signature covers `signedExtra` while the wire carries `rawTail` for those params. */
function v1WithRawTail(
  action: string,
  signedExtra: Record<string, string>,
  rawTail: string,
): Promise<RawResponse> {
  const params = v1CommonParams(action, server.root);
  const Signature = signV1Exact('GET', { ...params, ...signedExtra }, server.root.accessKeySecret);
  const path = `/?${encodeQuery({ ...params, Signature })}&${rawTail}`;
  return sendRaw(server, { method: 'GET', path, headers: {} });
}

describe('oversized bodies', () => {
  const limit = () => server.config.maxBodyBytes;

  it('are refused from the declared Content-Length with a RAM JSON 4xx', async () => {
    const res = await sendHeadersOnly(server, {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(limit() + 1),
    });
    expectRamClientError(res);
  });

  it('are refused once a chunked body passes the limit with a RAM JSON 4xx', async () => {
    const res = await sendHeadersOnly(
      server,
      { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      Buffer.alloc(limit() + 1, 'a'),
    );
    expectRamClientError(res);
  });
});

describe('garbage in the query', () => {
  const base = `Action=GetUser&Version=${RAM_VERSION}`;
  it.each([
    ['a bad escape', `${base}&UserName=%ZZ`],
    ['invalid UTF-8', `${base}&UserName=%FF%FE`],
    ['a truncated UTF-8 sequence', `${base}&UserName=%E5%BC`],
    ['a lone %', `${base}&UserName=%`],
    ['bad escapes in names', `%ZZ=%ZZ&%FF=1&${base}`],
    ['undecodable Action and Version', 'Action=%FF&Version=%ZZ'],
    ['duplicated Action and Version', `${base}&Action=DeleteUser&Version=2019-08-15&UserName=x`],
    ['empty pairs and bare =', `&&=&==&${base}&UserName`],
    ['a 10 KB value', `${base}&UserName=${'a'.repeat(TEN_KB)}`],
    ['a 10 KB encoded value', `${base}&UserName=${'%E5%BC%A0'.repeat(TEN_KB / 9)}`],
    ['a 10 KB name', `${base}&${'N'.repeat(TEN_KB)}=1`],
  ])('unsigned, %s → RAM 4xx', async (_label, query) => {
    expectRamClientError(await sendRaw(server, { method: 'GET', path: `/?${query}`, headers: {} }));
  });

  it.each([
    ['%ZZ', '%ZZ'],
    ['%FF', '\uFFFD'],
    ['%E5%BC', '\uFFFD'],
  ])('signed over the decoded value, UserName=%s → RAM 4xx', async (raw, decoded) => {
    expectRamClientError(await v1WithRawTail('GetUser', { UserName: decoded }, `UserName=${raw}`));
  });

  it('signed, duplicated UserName → never 5xx, and a RAM body', async () => {
    const res = await v1WithRawTail('GetUser', {}, 'UserName=a&UserName=b');
    expect(res.status).toBeLessThan(500);
    expect(res.json).toMatchObject({ RequestId: expect.any(String) });
    if (res.status >= 400) expectRamClientError(res);
  });

  it('signed, a 10 KB UserName → 400 InvalidParameter.UserName.Length', async () => {
    const UserName = 'a'.repeat(TEN_KB);
    const res = await v1WithRawTail('GetUser', { UserName }, `UserName=${UserName}`);
    expect({ status: res.status, code: codeOf(res) }).toEqual({
      status: 400,
      code: 'InvalidParameter.UserName.Length',
    });
  });

  it('signed, a 10 KB DisplayName → 400 InvalidParameter.DisplayName.Length', async () => {
    const DisplayName = '字'.repeat(TEN_KB / 9);
    const res = await v1WithRawTail(
      'CreateUser',
      { UserName: 'hyg-big', DisplayName },
      `UserName=hyg-big&DisplayName=${rfc3986(DisplayName)}`,
    );
    expect({ status: res.status, code: codeOf(res) }).toEqual({
      status: 400,
      code: 'InvalidParameter.DisplayName.Length',
    });
  });

  it.each([
    ['%ZZ', '%ZZ'],
    ['%FF', '\uFFFD'],
  ])('V3-signed over the decoded value, UserName=%s → RAM 4xx', async (raw, decoded) => {
    const headers = v3Headers(server, 'GetUser', formatAcsTimestamp(new Date()));
    const authorization = signV3Exact({
      method: 'POST',
      query: { UserName: decoded },
      headers,
      signedHeaders: Object.keys(headers),
      payloadHash: sha256(''),
      credentials: server.root,
    });
    const res = await sendRaw(server, {
      method: 'POST',
      path: `/?UserName=${raw}`,
      headers: { ...headers, authorization },
    });
    expectRamClientError(res);
  });

  it('undecodable form body → RAM 4xx', async () => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const res = await sendRaw(server, {
      method: 'POST',
      path: '/',
      headers,
      body: `${base}&UserName=%ZZ%FF&%`,
    });
    expectRamClientError(res);
  });

  it('a path other than / → RAM 4xx', async () => {
    expectRamClientError(await sendRaw(server, { method: 'GET', path: `/%FF/x?${base}`, headers: {} }));
  });
});
