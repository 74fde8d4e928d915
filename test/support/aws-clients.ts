/** The unmodified AWS SDK clients (`@aws-sdk/client-iam`, `@aws-sdk/client-sts`) pointed at a test server. */
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { TestServer } from './akm-test-server.js';
import type { Credentials } from './ram-clients.js';

/** The region the clients sign for (IAM's global endpoint scope). */
export const AWS_REGION = 'us-east-1';

function config(server: TestServer, credentials: Credentials, region: string) {
  return {
    endpoint: server.url,
    region,
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.accessKeySecret },
    // Errors are asserted, not retried.
    maxAttempts: 1,
  };
}

/** An IAM client signing with `credentials`. */
export function iamClient(server: TestServer, credentials: Credentials, region = AWS_REGION): IAMClient {
  return new IAMClient(config(server, credentials, region));
}

/** An STS client signing with `credentials`. */
export function stsClient(server: TestServer, credentials: Credentials, region = AWS_REGION): STSClient {
  return new STSClient(config(server, credentials, region));
}

/** The error a call rejects with, with the fields the SDK sets; fails the test when it resolves. */
export async function awsError(call: Promise<unknown>): Promise<{
  name: string;
  Code?: string;
  message: string;
  status: number | undefined;
  requestId: string | undefined;
}> {
  try {
    await call;
  } catch (error) {
    const e = error as {
      name: string;
      Code?: string;
      message: string;
      $metadata?: { httpStatusCode?: number; requestId?: string };
    };
    return {
      name: e.name,
      ...(e.Code === undefined ? {} : { Code: e.Code }),
      message: e.message,
      status: e.$metadata?.httpStatusCode,
      requestId: e.$metadata?.requestId,
    };
  }
  throw new Error('expected the call to fail');
}
