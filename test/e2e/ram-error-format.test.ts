// The wire shape of RAM responses: JSON error bodies, Format=XML errors and successes, content types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeQuery, signAcsV1Params } from '../../src/signing/client-sign.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { makeCaller } from '../support/e2e-ram-callers.js';
import { RAM_VERSION, type RawResponse, sendRaw, V3_POST } from '../support/e2e-raw-ram.js';

const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const XML_TYPE = 'text/xml;charset=utf-8';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const root = makeCaller('ram20150501 V3', server, server.root);
  for (const UserName of ['fmt-a', 'fmt-b']) await root.call('CreateUser', { UserName });
});
afterAll(async () => {
  await server.destroy();
});

/** A V1-signed GET, the way pop-core sends it, with any Format. */
function v1Get(action: string, params: Record<string, string>): Promise<RawResponse> {
  const signed = signAcsV1Params({
    method: 'GET',
    params: { Action: action, Version: RAM_VERSION, ...params },
    accessKeyId: server.root.accessKeyId,
    secret: server.root.accessKeySecret,
  });
  return sendRaw(server, { method: 'GET', path: `/?${encodeQuery(signed)}`, headers: {} });
}

/** The text of the first `<name>` element. */
function element(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

describe('JSON errors', () => {
  it('carry RequestId, HostId, Code, Message and Recommend with a 4xx status and a JSON content type', async () => {
    const res = await v1Get('GetUser', { UserName: 'fmt-nobody' });
    expect(res.status).toBe(404);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(Object.keys(res.json as object).sort()).toEqual([
      'Code',
      'HostId',
      'Message',
      'Recommend',
      'RequestId',
    ]);
    expect(res.json).toMatchObject({
      Code: 'EntityNotExist.User',
      HostId: 'ram.aliyuncs.com',
      Message: 'The user does not exist.',
      RequestId: expect.stringMatching(REQUEST_ID),
    });
    const { Recommend, RequestId } = res.json as { Recommend: unknown; RequestId: unknown };
    expect(Recommend).toEqual(expect.stringContaining('q=EntityNotExist.User'));
    expect(Recommend).toEqual(expect.stringContaining(`requestId=${String(RequestId)}`));
  });

  it('have the same shape for V3 and for errors raised before authentication', async () => {
    const v3 = await sendRaw(
      server,
      V3_POST.build(server, {
        action: 'GetUser',
        params: { UserName: 'fmt-nobody' },
        credentials: server.root,
      }),
    );
    expect(v3.status).toBe(404);
    expect(v3.json).toMatchObject({ Code: 'EntityNotExist.User', HostId: 'ram.aliyuncs.com' });
    const unknown = await v1Get('NoSuchAction', {});
    expect(unknown.status).toBe(404);
    expect(Object.keys(unknown.json as object).sort()).toEqual([
      'Code',
      'HostId',
      'Message',
      'Recommend',
      'RequestId',
    ]);
  });

  it('never appear in a success body', async () => {
    const res = await v1Get('ListUsers', {});
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.json).not.toHaveProperty('Code');
    expect(res.json).toMatchObject({ RequestId: expect.stringMatching(REQUEST_ID), IsTruncated: false });
  });
});

describe('Format=XML', () => {
  it('renders errors as <Error> with content-type exactly text/xml;charset=utf-8', async () => {
    const res = await v1Get('GetUser', { UserName: 'fmt-nobody', Format: 'XML' });
    expect(res.status).toBe(404);
    expect(res.contentType).toBe(XML_TYPE);
    expect(res.text).toMatch(/^(<\?xml[^>]*\?>)?\s*<Error>[\s\S]*<\/Error>\s*$/);
    expect(element(res.text, 'Code')).toBe('EntityNotExist.User');
    expect(element(res.text, 'RequestId')).toMatch(REQUEST_ID);
    expect(element(res.text, 'HostId')).toBe('ram.aliyuncs.com');
    expect(element(res.text, 'Message')).toBe('The user does not exist.');
  });

  it('renders errors raised before authentication as XML too', async () => {
    const res = await v1Get('NoSuchAction', { Format: 'XML' });
    expect(res.status).toBe(404);
    expect(res.contentType).toBe(XML_TYPE);
    expect(element(res.text, 'Code')).toBe('InvalidAction.NotFound');
  });

  it('renders ListUsers as <ListUsersResponse> with RequestId and repeated <User> elements', async () => {
    const res = await v1Get('ListUsers', { Format: 'XML' });
    expect(res.status).toBe(200);
    expect(res.contentType).toBe(XML_TYPE);
    expect(res.text).toMatch(/^(<\?xml[^>]*\?>)?\s*<ListUsersResponse>[\s\S]*<\/ListUsersResponse>\s*$/);
    expect(element(res.text, 'RequestId')).toMatch(REQUEST_ID);
    expect(element(res.text, 'IsTruncated')).toBe('false');
    const users = /<Users>([\s\S]*)<\/Users>/.exec(res.text)?.[1] ?? '';
    const names = [...users.matchAll(/<User>[\s\S]*?<UserName>([^<]*)<\/UserName>[\s\S]*?<\/User>/g)].map(
      (m) => m[1],
    );
    expect(names).toEqual(['fmt-a', 'fmt-b']);
    expect(res.text).not.toContain('<Code>');
  });

  it('keeps a one-element list as a repeated element and escapes text', async () => {
    const root = makeCaller('ram20150501 V3', server, server.root);
    await root.call('CreateUser', { UserName: 'fmt-xml', DisplayName: 'a<b>&"c"' });
    const res = await v1Get('GetUser', { UserName: 'fmt-xml', Format: 'XML' });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<GetUserResponse>[\s\S]*<User>[\s\S]*<\/User>[\s\S]*<\/GetUserResponse>/);
    expect(res.text).not.toContain('a<b>');
    expect(res.text).toMatch(/<DisplayName>a&lt;b&gt;&amp;(&quot;|")c(&quot;|")<\/DisplayName>/);
    const keys = await v1Get('ListAccessKeys', { Format: 'XML' });
    expect(keys.text).toMatch(/<AccessKeys><AccessKey><AccessKeyId>LTAI/);
    await root.call('DeleteUser', { UserName: 'fmt-xml' });
  });
});
