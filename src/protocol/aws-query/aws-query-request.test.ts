// awsQuery request parsing and the routing decision between this wire and RAM's.
import { describe, expect, it } from 'vitest';
import { formPost, wireRequest } from '../../testing/wire-request.js';
import { isAwsQueryRequest, parseAwsQueryRequest } from './aws-query-request.js';

describe('parseAwsQueryRequest', () => {
  it('decodes a form body with + as a space and percent escapes, whatever the parameter order', () => {
    const parsed = parseAwsQueryRequest(
      formPost('UserName=a%2Bb&Action=CreateUser&Version=2010-05-08&Path=%2Fx+y%2F&Marker=MQ%3D%3D'),
    );
    expect(parsed.action).toBe('CreateUser');
    expect(parsed.version).toBe('2010-05-08');
    expect(Object.fromEntries(parsed.params)).toMatchObject({
      UserName: 'a+b',
      Path: '/x y/',
      Marker: 'MQ==',
    });
  });

  it('reads a GET query, and the first occurrence of a repeated parameter wins', () => {
    const parsed = parseAwsQueryRequest(
      wireRequest({ method: 'GET', rawQuery: 'Action=ListUsers&Version=2010-05-08&MaxItems=1&MaxItems=2' }),
    );
    expect(parsed).toMatchObject({ action: 'ListUsers', version: '2010-05-08' });
    expect(parsed.params.get('MaxItems')).toBe('1');
    expect(parsed.queryPairs).toHaveLength(4);
  });

  it('ignores a body that is not form-encoded', () => {
    const parsed = parseAwsQueryRequest(
      wireRequest({ body: 'Action=ListUsers', headers: { 'content-type': 'application/json' } }),
    );
    expect(parsed.action).toBeUndefined();
  });
});

describe('isAwsQueryRequest', () => {
  it.each([
    ['a SigV4 Authorization', wireRequest({ headers: { authorization: 'AWS4-HMAC-SHA256 Credential=x' } })],
    ['Version=2010-05-08 in the body', formPost('Action=ListUsers&Version=2010-05-08')],
    ['Version=2011-06-15 in the query', wireRequest({ method: 'GET', rawQuery: 'Version=2011-06-15' })],
  ])('claims %s', (_, request) => {
    expect(isAwsQueryRequest(request)).toBe(true);
  });

  it.each([
    ['an ACS3 request', wireRequest({ headers: { authorization: 'ACS3-HMAC-SHA256 Credential=x' } })],
    ['a RAM V1 request', wireRequest({ method: 'GET', rawQuery: 'Action=ListUsers&Version=2015-05-01' })],
    ['an empty request', wireRequest()],
  ])('leaves %s to RAM', (_, request) => {
    expect(isAwsQueryRequest(request)).toBe(false);
  });
});
