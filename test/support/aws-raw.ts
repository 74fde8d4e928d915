/** Raw awsQuery requests signed by akm's own SigV4 client signer, for cases the SDKs cannot express. */

import { signAwsRequest } from '../../src/signing/aws-client-sign.js';
import { encodeQuery } from '../../src/signing/client-sign.js';
import type { TestServer } from './akm-test-server.js';
import type { RawRequest, RawResponse } from './e2e-raw-ram.js';
import type { Credentials } from './ram-clients.js';

/** Options of {@link signedQuery}. */
export interface SignedQueryOptions {
  readonly date?: Date;
  readonly service?: string;
  readonly region?: string;
  readonly version?: string;
  /** Send `x-amz-content-sha256` as the JS SDK does (default true). */
  readonly contentSha256Header?: boolean;
}

/** A POST form request for `action` signed as IAM (or `options.service`) would be, by botocore's rules. */
export function signedQuery(
  server: TestServer,
  credentials: Credentials,
  action: string,
  params: Record<string, string> = {},
  options: SignedQueryOptions = {},
): RawRequest {
  const body = encodeQuery({ Action: action, Version: options.version ?? '2010-05-08', ...params });
  const headers = signAwsRequest({
    method: 'POST',
    host: server.endpoint,
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    accessKeyId: credentials.accessKeyId,
    secret: credentials.accessKeySecret,
    region: options.region ?? 'us-east-1',
    service: options.service ?? 'iam',
    ...(options.date ? { date: options.date } : {}),
    ...(options.contentSha256Header === undefined
      ? {}
      : { contentSha256Header: options.contentSha256Header }),
  });
  return { method: 'POST', path: '/', headers, body };
}

/** The `<Code>` of an awsQuery error document. */
export function awsCodeOf(res: RawResponse): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(res.text)?.[1];
}

/** The `<Message>` of an awsQuery error document. */
export function awsMessageOf(res: RawResponse): string | undefined {
  return /<Message>([^<]*)<\/Message>/.exec(res.text)?.[1];
}
