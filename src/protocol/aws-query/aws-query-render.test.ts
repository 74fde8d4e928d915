// awsQuery documents: result wrapper only for operations with output, member lists, empty lists kept,
// RequestId in body and header, and the ErrorResponse shape.
import { describe, expect, it } from 'vitest';
import { listOf } from '../operations/output.js';
import { renderAwsError, renderAwsSuccess } from './aws-query-render.js';

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const ID = '7A62C49F-347E-4FC4-9331-6E8EEXAMPLE';

describe('renderAwsSuccess', () => {
  it('wraps output in <ActionResult> with member lists, keeping empty lists', () => {
    const response = renderAwsSuccess('ListUsers', NS, ID, {
      Users: listOf('member', [{ UserName: 'a', CreateDate: new Date('2026-11-29T19:43:40.123Z') }]),
      Empty: listOf('member', []),
      IsTruncated: false,
    });
    expect(response).toEqual({
      status: 200,
      headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': ID },
      body:
        `<ListUsersResponse xmlns="${NS}"><ListUsersResult><Users><member><UserName>a</UserName>` +
        '<CreateDate>2026-11-29T19:43:40Z</CreateDate></member></Users><Empty></Empty><IsTruncated>false</IsTruncated>' +
        `</ListUsersResult><ResponseMetadata><RequestId>${ID}</RequestId></ResponseMetadata></ListUsersResponse>`,
    });
  });

  it('writes no result wrapper for a void operation', () => {
    expect(renderAwsSuccess('DeleteUser', NS, ID, null).body).toBe(
      `<DeleteUserResponse xmlns="${NS}"><ResponseMetadata><RequestId>${ID}</RequestId></ResponseMetadata></DeleteUserResponse>`,
    );
  });

  it('escapes values', () => {
    expect(renderAwsSuccess('GetUser', NS, ID, { User: { UserName: 'a&<b>' } }).body).toContain(
      '<UserName>a&amp;&lt;b&gt;</UserName>',
    );
  });
});

describe('renderAwsError', () => {
  it('writes Type, Code and Message inside Error, and RequestId beside it', () => {
    const response = renderAwsError(
      {
        code: 'NoSuchEntity',
        status: 404,
        type: 'Sender',
        message: 'The user with name bob cannot be found.',
      },
      NS,
      ID,
    );
    expect(response).toEqual({
      status: 404,
      headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': ID },
      body:
        `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>` +
        `<Message>The user with name bob cannot be found.</Message></Error><RequestId>${ID}</RequestId></ErrorResponse>`,
    });
  });
});
