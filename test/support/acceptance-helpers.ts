/** Shared steps of the acceptance suites: SDK error outcomes and setting up users with keys. */
import { type Credentials, Ram, type ramClient } from './ram-clients.js';

/** An instance of the official RAM client. */
export type RamApi = ReturnType<typeof ramClient>;

/** An error thrown by the official SDK for a RAM error response. */
export interface SdkError {
  readonly code: string;
  readonly statusCode: number;
}

/** The SDK error's code and HTTP status; anything else (assertion failures, bugs) is rethrown. */
export function sdkErrorOf(error: unknown): SdkError {
  if (typeof error === 'object' && error !== null && 'code' in error && 'statusCode' in error) {
    const { code, statusCode } = error as { code: unknown; statusCode: unknown };
    if (typeof code === 'string' && typeof statusCode === 'number') return { code, statusCode };
  }
  throw error;
}

/** The request id an SDK error carries ('' when none). */
export function sdkRequestIdOf(error: unknown): string {
  const requestId =
    typeof error === 'object' && error !== null && 'requestId' in error ? error.requestId : '';
  return typeof requestId === 'string' ? requestId : '';
}

/** The result of one attempted call: `allowed` or `<status> <code>`, plus the value when it succeeded. */
export interface Attempt<T> {
  readonly outcome: string;
  readonly value?: T;
}

/** Runs `call` and reports `allowed` or the RAM error it got, as `<status> <code>`. */
export async function attempt<T>(call: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { outcome: 'allowed', value: await call() };
  } catch (error) {
    const { code, statusCode } = sdkErrorOf(error);
    return { outcome: `${statusCode} ${code}` };
  }
}

/** The value, or a failure naming what was missing from a response. */
export function present<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`response lacks ${what}`);
  return value;
}

/** Creates an AccessKey (for `userName`, or the caller's own when omitted) and returns the pair. */
export async function createKey(client: RamApi, userName?: string): Promise<Credentials> {
  const response = await client.createAccessKey(
    new Ram.CreateAccessKeyRequest(userName === undefined ? {} : { userName }),
  );
  const key = present(response.body?.accessKey, 'AccessKey');
  return {
    accessKeyId: present(key.accessKeyId, 'AccessKeyId'),
    accessKeySecret: present(key.accessKeySecret, 'AccessKeySecret'),
  };
}

/** Creates a user with the given system policies attached and one AccessKey; returns that key. */
export async function createUserWithKey(
  root: RamApi,
  userName: string,
  policies: readonly string[] = [],
): Promise<Credentials> {
  await root.createUser(new Ram.CreateUserRequest({ userName }));
  for (const policyName of policies) {
    await root.attachPolicyToUser(
      new Ram.AttachPolicyToUserRequest({ policyType: 'System', policyName, userName }),
    );
  }
  return createKey(root, userName);
}

/** The AccessKeys of `userName` (or the caller's own) as `{ id: status }`. */
export async function keyStatuses(client: RamApi, userName?: string): Promise<Record<string, string>> {
  const response = await client.listAccessKeys(
    new Ram.ListAccessKeysRequest(userName === undefined ? {} : { userName }),
  );
  const out: Record<string, string> = {};
  for (const key of response.body?.accessKeys?.accessKey ?? []) {
    out[present(key.accessKeyId, 'AccessKeyId')] = present(key.status, 'Status');
  }
  return out;
}

/** The key's LastUsedDate as the API reports it (undefined when never used). */
export async function lastUsedDate(
  client: RamApi,
  accessKeyId: string,
  userName?: string,
): Promise<string | undefined> {
  const response = await client.getAccessKeyLastUsed(
    new Ram.GetAccessKeyLastUsedRequest({
      userAccessKeyId: accessKeyId,
      ...(userName === undefined ? {} : { userName }),
    }),
  );
  return response.body?.accessKeyLastUsed?.lastUsedDate;
}

/** Runs a clean-up call, ignoring "already gone" errors (the step under test may have done it). */
export async function ignoringNotFound(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!sdkErrorOf(error).code.startsWith('EntityNotExist')) throw error;
  }
}
