// RAM response bodies: JSON and XML success shapes (of outputs projected under RAM's default names), and
// error bodies both client families can read.

import { describe, expect, it } from 'vitest';
import { listOf, type OutputObject } from '../operations/output.js';
import { projectOutput } from '../operations/wire-shape.js';
import type { RamWireError } from './ram-error-table.js';
import { RAM_NAMING } from './ram-names.js';
import { renderRamError, renderRamSuccess } from './ram-render.js';

const ram = (output: OutputObject): OutputObject => projectOutput(output, 'all', RAM_NAMING);

const REQUEST_ID = '04F0F334-1335-436C-A1D7-6C044FE73368';
const CREATED = new Date('2015-01-23T12:33:18.999Z');
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

const KEY = { accessKeyId: 'LTAI4GFTgcR8m8cZQDTH0000', status: 'Active', createDate: CREATED };

function json(output: OutputObject): unknown {
  return JSON.parse(renderRamSuccess('ListAccessKeys', REQUEST_ID, ram(output), 'JSON').body);
}

function xml(action: string, output: OutputObject): string {
  return renderRamSuccess(action, REQUEST_ID, ram(output), 'XML').body;
}

describe('renderRamSuccess as JSON', () => {
  it('answers 200 with a JSON content type and the request id header', () => {
    const response = renderRamSuccess('DeleteUser', REQUEST_ID, {}, 'JSON');
    expect(response.status).toBe(200);
    expect(response.headers).toEqual({
      'content-type': 'application/json;charset=utf-8',
      'x-acs-request-id': REQUEST_ID,
    });
    expect(response.body).toBe(`{"RequestId":"${REQUEST_ID}"}`);
  });

  it('puts RequestId first and PascalCases every key', () => {
    const body = renderRamSuccess(
      'CreateAccessKey',
      REQUEST_ID,
      ram({ accessKey: { ...KEY, accessKeySecret: 's' } }),
      'JSON',
    ).body;
    expect(body).toBe(
      `{"RequestId":"${REQUEST_ID}","AccessKey":{"AccessKeyId":"LTAI4GFTgcR8m8cZQDTH0000","Status":"Active","CreateDate":"2015-01-23T12:33:18Z","AccessKeySecret":"s"}}`,
    );
  });

  it('renders a one-item list as an array inside its plural wrapper', () => {
    expect(json({ accessKeys: listOf('accessKey', [KEY]) })).toEqual({
      RequestId: REQUEST_ID,
      AccessKeys: {
        AccessKey: [{ AccessKeyId: KEY.accessKeyId, Status: 'Active', CreateDate: '2015-01-23T12:33:18Z' }],
      },
    });
  });

  it('renders an empty list as an empty array', () => {
    expect(json({ users: listOf('user', []) })).toEqual({ RequestId: REQUEST_ID, Users: { User: [] } });
  });

  it('renders lists nested inside list items, and lists of scalars', () => {
    const output = {
      users: listOf('user', [
        { userName: 'a', tags: listOf('tag', ['x']) },
        { userName: 'b', tags: listOf('tag', []) },
      ]),
    };
    expect(json(output)).toEqual({
      RequestId: REQUEST_ID,
      Users: {
        User: [
          { UserName: 'a', Tags: { Tag: ['x'] } },
          { UserName: 'b', Tags: { Tag: [] } },
        ],
      },
    });
  });

  it('writes dates as UTC with second precision, truncating milliseconds', () => {
    expect(json({ lastUsedDate: new Date('2020-10-21T06:37:40.999Z') })).toEqual({
      RequestId: REQUEST_ID,
      LastUsedDate: '2020-10-21T06:37:40Z',
    });
  });

  it('omits null and undefined, in objects and in lists', () => {
    expect(
      json({
        marker: undefined,
        user: { userName: 'a', lastLoginDate: null, email: undefined },
        users: listOf('user', [null, { userName: 'b' }, undefined]),
      }),
    ).toEqual({ RequestId: REQUEST_ID, User: { UserName: 'a' }, Users: { User: [{ UserName: 'b' }] } });
  });

  it('keeps booleans and numbers typed, and ids as strings', () => {
    expect(json({ isTruncated: false, loginSessionDuration: 6, userId: '1227489245380721' })).toEqual({
      RequestId: REQUEST_ID,
      IsTruncated: false,
      LoginSessionDuration: 6,
      UserId: '1227489245380721',
    });
  });

  it('writes RAM acronyms in capitals', () => {
    expect(json({ mfaPreference: { allowUserToManageMfaDevices: true } })).toEqual({
      RequestId: REQUEST_ID,
      MFAPreference: { AllowUserToManageMFADevices: true },
    });
  });

  it('never contains a Code key (pop-core would treat it as an error)', () => {
    expect(json({ accessKeys: listOf('accessKey', [KEY]) })).not.toHaveProperty('Code');
  });
});

describe('renderRamSuccess as XML', () => {
  it('answers 200 with the exact XML content type', () => {
    const response = renderRamSuccess('DeleteUser', REQUEST_ID, {}, 'XML');
    expect(response.status).toBe(200);
    expect(response.headers).toEqual({
      'content-type': 'text/xml;charset=utf-8',
      'x-acs-request-id': REQUEST_ID,
    });
    expect(response.body).toBe(
      `${XML_HEAD}<DeleteUserResponse><RequestId>${REQUEST_ID}</RequestId></DeleteUserResponse>`,
    );
  });

  it('nests objects and writes list items as repeated elements', () => {
    const body = xml('ListAccessKeys', {
      accessKeys: listOf('accessKey', [KEY, { ...KEY, accessKeyId: 'LTAI2', status: 'Inactive' }]),
    });
    expect(body).toBe(
      `${XML_HEAD}<ListAccessKeysResponse><RequestId>${REQUEST_ID}</RequestId>` +
        '<AccessKeys>' +
        '<AccessKey><AccessKeyId>LTAI4GFTgcR8m8cZQDTH0000</AccessKeyId><Status>Active</Status><CreateDate>2015-01-23T12:33:18Z</CreateDate></AccessKey>' +
        '<AccessKey><AccessKeyId>LTAI2</AccessKeyId><Status>Inactive</Status><CreateDate>2015-01-23T12:33:18Z</CreateDate></AccessKey>' +
        '</AccessKeys></ListAccessKeysResponse>',
    );
  });

  it('writes an empty list as an empty wrapper and scalars lists as repeated elements', () => {
    expect(xml('X', { users: listOf('user', []), names: listOf('policyName', ['a', 'b']) })).toBe(
      `${XML_HEAD}<XResponse><RequestId>${REQUEST_ID}</RequestId><Users></Users>` +
        '<Names><PolicyName>a</PolicyName><PolicyName>b</PolicyName></Names></XResponse>',
    );
  });

  it('escapes <&>"\' in values', () => {
    expect(xml('GetUser', { user: { displayName: `<b>&"x"'y'` } })).toBe(
      `${XML_HEAD}<GetUserResponse><RequestId>${REQUEST_ID}</RequestId>` +
        '<User><DisplayName>&lt;b&gt;&amp;&quot;x&quot;&apos;y&apos;</DisplayName></User></GetUserResponse>',
    );
  });

  it('omits null and undefined, and writes booleans, numbers and dates as text', () => {
    expect(
      xml('X', {
        marker: undefined,
        a: null,
        isTruncated: true,
        n: 0,
        d: new Date('2020-01-02T03:04:05.678Z'),
      }),
    ).toBe(
      `${XML_HEAD}<XResponse><RequestId>${REQUEST_ID}</RequestId>` +
        '<IsTruncated>true</IsTruncated><N>0</N><D>2020-01-02T03:04:05Z</D></XResponse>',
    );
  });
});

describe('renderRamError', () => {
  const error: RamWireError = {
    code: 'EntityNotExist.User',
    status: 404,
    message: 'The user does not exist.',
  };
  const recommend = `https://api.aliyun.com/troubleshoot?q=EntityNotExist.User&product=Ram&requestId=${REQUEST_ID}`;

  it('writes JSON with RequestId, HostId, Code, Message and Recommend, in that order', () => {
    const response = renderRamError(error, REQUEST_ID, 'ram.aliyuncs.com', 'JSON');
    expect(response.status).toBe(404);
    expect(response.headers).toEqual({
      'content-type': 'application/json;charset=utf-8',
      'x-acs-request-id': REQUEST_ID,
    });
    const body: unknown = JSON.parse(response.body);
    expect(body).toEqual({
      RequestId: REQUEST_ID,
      HostId: 'ram.aliyuncs.com',
      Code: 'EntityNotExist.User',
      Message: 'The user does not exist.',
      Recommend: recommend,
    });
    expect(Object.keys(body as object)).toEqual(['RequestId', 'HostId', 'Code', 'Message', 'Recommend']);
  });

  it('uses the error status, whatever it is', () => {
    for (const status of [400, 403, 409, 413, 500, 503]) {
      expect(renderRamError({ ...error, status }, REQUEST_ID, 'h', 'JSON').status).toBe(status);
    }
  });

  it('percent-encodes the code in Recommend', () => {
    const body: unknown = JSON.parse(
      renderRamError({ ...error, code: 'A&B C' }, REQUEST_ID, 'h', 'JSON').body,
    );
    expect(body).toMatchObject({
      Recommend: `https://api.aliyun.com/troubleshoot?q=A%26B%20C&product=Ram&requestId=${REQUEST_ID}`,
    });
  });

  it('writes XML with the exact content type openapi-core parses, and escapes the text', () => {
    const response = renderRamError(
      { code: 'SignatureDoesNotMatch', status: 400, message: 'server string to sign is:GET&%2F&a<b' },
      REQUEST_ID,
      'ram.aliyuncs.com',
      'XML',
    );
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('text/xml;charset=utf-8');
    expect(response.headers['x-acs-request-id']).toBe(REQUEST_ID);
    expect(response.body).toBe(
      `${XML_HEAD}<Error><RequestId>${REQUEST_ID}</RequestId><HostId>ram.aliyuncs.com</HostId>` +
        '<Code>SignatureDoesNotMatch</Code><Message>server string to sign is:GET&amp;%2F&amp;a&lt;b</Message>' +
        `<Recommend>https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&amp;product=Ram&amp;requestId=${REQUEST_ID}</Recommend>` +
        '</Error>',
    );
  });
});
