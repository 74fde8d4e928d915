/** Shared set-up and runner of the RAM error-code suites: one fixture, a case table, every client mode. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './akm-test-server.js';
import {
  CLIENT_MODES,
  expectedError,
  makeCaller,
  prop,
  type RamCaller,
  type RamParams,
} from './e2e-ram-callers.js';
import type { Credentials } from './ram-clients.js';

/** A user holding two AccessKeys (its limit). */
export const KEY_HOLDER = 'err-keyholder';
/** A user with AliyunRAMReadOnlyAccess and no keys. */
export const POLICY_HOLDER = 'err-policyholder';
/** A user with no policies and one key: the caller that lacks permission. */
export const PLAIN = 'err-plain';
/** A user with AliyunRAMReadOnlyAccess and one key. */
export const READER = 'err-reader';
/** A user whose name differs from another only by case once upper-cased. */
export const MIXED_CASE = 'Err-Case';
export const READ_ONLY = { PolicyType: 'System', PolicyName: 'AliyunRAMReadOnlyAccess' } as const;
/** Well-formed but never issued. */
export const UNKNOWN_KEY = 'LTAI0000000000000000none';

/** What the fixture created. */
export interface ErrorFixture {
  readonly keyHolderKeys: readonly string[];
  readonly plain: Credentials;
  readonly reader: Credentials;
}

/** Who sends the request. */
export type CaseCaller = 'root' | 'plain' | 'reader';

/** One row: title, action, params (or a function of the fixture), and optionally who calls. */
export type CaseRow = readonly [
  title: string,
  action: string,
  params: RamParams | ((f: ErrorFixture) => RamParams),
  as?: CaseCaller,
];

/** One expected error. */
export interface ErrorCase {
  readonly title: string;
  readonly action: string;
  readonly params: RamParams | ((f: ErrorFixture) => RamParams);
  readonly as: CaseCaller;
  readonly code: string;
  readonly status: number;
}

/** Expands rows that all expect `code` with `status`. */
export function expectCode(code: string, status: number, rows: readonly CaseRow[]): ErrorCase[] {
  return rows.map(([title, action, params, as = 'root']) => ({ title, action, params, as, code, status }));
}

async function createKey(root: RamCaller, userName: string): Promise<Credentials> {
  const key = (await root.call('CreateAccessKey', { UserName: userName })).AccessKey;
  return {
    accessKeyId: String(prop(key, 'AccessKeyId')),
    accessKeySecret: String(prop(key, 'AccessKeySecret')),
  };
}

async function createFixture(server: TestServer): Promise<ErrorFixture> {
  const root = makeCaller('ram20150501 V3', server, server.root);
  for (const userName of [KEY_HOLDER, POLICY_HOLDER, PLAIN, READER, MIXED_CASE]) {
    await root.call('CreateUser', { UserName: userName });
  }
  const first = await createKey(root, KEY_HOLDER);
  const second = await createKey(root, KEY_HOLDER);
  await root.call('AttachPolicyToUser', { UserName: POLICY_HOLDER, ...READ_ONLY });
  await root.call('AttachPolicyToUser', { UserName: READER, ...READ_ONLY });
  // The root already has the key `akm init` made; a second one puts it at its limit.
  await root.call('CreateAccessKey');
  return {
    keyHolderKeys: [first.accessKeyId, second.accessKeyId],
    plain: await createKey(root, PLAIN),
    reader: await createKey(root, READER),
  };
}

/**
 * Starts a server with the fixture, then runs every case through every client mode, asserting the code
 * and HTTP status (plus pop-core's `name`) and that the error body carries the same Code.
 */
export function runErrorSuite(cases: readonly ErrorCase[]): void {
  let server: TestServer;
  let fixture: ErrorFixture;
  beforeAll(async () => {
    server = await startTestServer();
    fixture = await createFixture(server);
  });
  afterAll(async () => {
    await server.destroy();
  });

  describe.each(CLIENT_MODES)('through %s', (mode) => {
    it.each(cases)('$title → $code ($status)', async (c) => {
      const credentials = c.as === 'plain' ? fixture.plain : c.as === 'reader' ? fixture.reader : server.root;
      const params = typeof c.params === 'function' ? c.params(fixture) : c.params;
      const error = await makeCaller(mode, server, credentials).fail(c.action, params);
      expect(error).toMatchObject(expectedError(mode, c.code, c.status));
      expect(error.data).toMatchObject({ Code: c.code, RequestId: expect.any(String) });
    });

    it('left the fixture unchanged (the failed calls had no side effects)', async () => {
      const root = makeCaller(mode, server, server.root);
      const keys = prop(
        prop(await root.call('ListAccessKeys', { UserName: KEY_HOLDER }), 'AccessKeys'),
        'AccessKey',
      );
      expect(keys).toHaveLength(2);
      const users = prop(prop(await root.call('ListUsers'), 'Users'), 'User');
      const names = Array.isArray(users) ? users.map((u: unknown) => prop(u, 'UserName')) : [];
      expect(names.sort()).toEqual([KEY_HOLDER, POLICY_HOLDER, PLAIN, READER, MIXED_CASE].sort());
      const rootKeys = prop(prop(await root.call('ListAccessKeys'), 'AccessKeys'), 'AccessKey');
      expect(rootKeys).toHaveLength(2);
    });
  });
}
