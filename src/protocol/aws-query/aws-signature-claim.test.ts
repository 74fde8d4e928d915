// The SigV4 claim: what it takes from a request, when it verifies, and the errors of malformed signatures.
import { describe, expect, it } from 'vitest';
import { signAwsRequest } from '../../signing/aws-client-sign.js';
import { catchAkmError } from '../../testing/catch-akm-error.js';
import { formPost } from '../../testing/wire-request.js';
import { signedRequestOf } from '../signed-request.js';
import { extractSigV4Claim } from './aws-signature-claim.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const BODY = 'Action=ListUsers&Version=2010-05-08';
const DATE = new Date('2026-11-29T19:43:40Z');

function signed(options: { service?: string; region?: string; sha256?: boolean; body?: string } = {}) {
  const headers = signAwsRequest({
    method: 'POST',
    host: '127.0.0.1:8080',
    body: BODY,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    accessKeyId: 'AKIAEXAMPLE000000000',
    secret: SECRET,
    region: options.region ?? 'eu-west-1',
    service: options.service ?? 'iam',
    date: DATE,
    contentSha256Header: options.sha256 ?? true,
  });
  return formPost(options.body ?? BODY, { headers });
}

function claimOf(request: ReturnType<typeof formPost>, service = 'iam') {
  return extractSigV4Claim(signedRequestOf(request), service);
}

describe('extractSigV4Claim', () => {
  it('takes the key, time and scope from the request, carries no nonce, and verifies with the secret', () => {
    const claim = claimOf(signed());
    expect(claim).toMatchObject({
      accessKeyId: 'AKIAEXAMPLE000000000',
      timestamp: DATE,
      scope: { serviceName: 'iam', region: 'eu-west-1' },
    });
    expect(claim.nonce).toBeUndefined();
    expect(claim.verify(SECRET)).toBe(true);
    expect(claim.verify(`${SECRET}x`)).toBe(false);
  });

  it('verifies without x-amz-content-sha256 by hashing the body itself', () => {
    expect(claimOf(signed({ sha256: false })).verify(SECRET)).toBe(true);
  });

  it('does not verify a changed body, a scope for another service, or a credential day not the date', () => {
    expect(claimOf(signed({ body: `${BODY}&x=1` })).verify(SECRET)).toBe(false);
    expect(claimOf(signed({ sha256: false, body: `${BODY}&x=1` })).verify(SECRET)).toBe(false);
    expect(claimOf(signed(), 'sts').verify(SECRET)).toBe(false);
    const request = signed();
    const authorization = String(request.headers.authorization).replace('/20261129/', '/20261128/');
    expect(claimOf({ ...request, headers: { ...request.headers, authorization } }).verify(SECRET)).toBe(
      false,
    );
  });

  it.each([
    ['no Authorization', {}, 'MISSING_AUTHENTICATION'],
    ['another algorithm', { authorization: 'ACS3-HMAC-SHA256 Credential=x' }, 'UNSUPPORTED_SIGNATURE_METHOD'],
    ['a malformed header', { authorization: 'AWS4-HMAC-SHA256 Credential=x' }, 'INCOMPLETE_SIGNATURE'],
    [
      'x-amz-date left unsigned',
      {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
      },
      'INCOMPLETE_SIGNATURE',
    ],
    [
      'a malformed x-amz-date',
      {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
        'x-amz-date': '2026-11-29T19:43:40Z',
      },
      'TIMESTAMP_FORMAT',
    ],
  ])('refuses %s', (_, headers, code) => {
    expect(catchAkmError(() => claimOf(formPost(BODY, { headers }))).code).toBe(code);
  });
});
