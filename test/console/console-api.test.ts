/**
 * The console's API client (browser code, run here on Node's fetch and WebCrypto) against a real akm
 * server: every operation the pages use, RAM errors as RamApiError, and the signed Host checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleApi } from '../../src/console/console-api.js';
import { RamApiError } from '../../src/console/ram-call.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';

let server: TestServer;
let api: ConsoleApi;

/** The RamApiError a call fails with. */
async function ramError(call: Promise<unknown>): Promise<RamApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RamApiError)) throw new Error(`expected a RamApiError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  server = await startTestServer();
  const { host, origin } = new URL(server.url);
  api = new ConsoleApi({ origin, host }, server.root);
});

afterAll(() => server?.destroy());

describe('ConsoleApi against akm', () => {
  it('creates, reads and pages users', async () => {
    const created = await api.createUser('cap-a', 'Cap A');
    expect(created).toMatchObject({ userName: 'cap-a', displayName: 'Cap A' });
    expect(created.userId).toMatch(/^\d+$/);
    await api.createUser('cap-b', '');
    expect(await api.getUser('cap-a')).toMatchObject({ userName: 'cap-a', createDate: created.createDate });

    const first = await api.listUsers(undefined, 1);
    expect(first.users).toHaveLength(1);
    expect(first.marker).toBeDefined();
    const second = await api.listUsers(first.marker, 1);
    expect(second.marker).toBeUndefined();
    expect([...first.users, ...second.users].map((u) => u.userName).sort()).toEqual(['cap-a', 'cap-b']);
  });

  it('manages a user’s AccessKeys and reads their last use', async () => {
    const key = await api.createAccessKey('cap-a');
    expect(key.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(await api.listAccessKeys('cap-a')).toEqual([
      { accessKeyId: key.accessKeyId, status: 'Active', createDate: key.createDate },
    ]);
    expect(await api.getAccessKeyLastUsed('cap-a', key.accessKeyId)).toBeUndefined();

    const { host, origin } = new URL(server.url);
    const asUser = new ConsoleApi({ origin, host }, key);
    await asUser.listAccessKeys('cap-a').catch(() => undefined);
    expect(await api.getAccessKeyLastUsed('cap-a', key.accessKeyId)).toMatchObject({
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      serviceName: 'ram',
      sourceIp: '127.0.0.1',
      action: 'ListAccessKeys',
    });
    expect(await api.listAccessKeyUsage('cap-a', key.accessKeyId)).toEqual([
      { date: new Date().toISOString().slice(0, 10), serviceName: 'ram', requestCount: 1 },
    ]);

    await api.updateAccessKey('cap-a', key.accessKeyId, 'Inactive');
    expect((await api.listAccessKeys('cap-a'))[0]?.status).toBe('Inactive');
    expect((await ramError(api.deleteUser('cap-a'))).code).toBe('DeleteConflict.User.AccessKey');
    await api.deleteAccessKey('cap-a', key.accessKeyId);
    expect(await api.listAccessKeys('cap-a')).toEqual([]);
  });

  it('attaches and detaches system policies', async () => {
    await api.setPolicyAttached('cap-b', 'AliyunRAMFullAccess', true);
    expect((await api.listPoliciesForUser('cap-b')).map((p) => [p.policyName, p.policyType])).toEqual([
      ['AliyunRAMFullAccess', 'System'],
    ]);
    await api.setPolicyAttached('cap-b', 'AliyunRAMFullAccess', false);
    expect(await api.listPoliciesForUser('cap-b')).toEqual([]);
  });

  it('reads and sets AllowUserToManageAccessKeys', async () => {
    const before = await api.allowUserToManageAccessKeys();
    expect(await api.allowUserToManageAccessKeys(!before)).toBe(!before);
    expect(await api.allowUserToManageAccessKeys()).toBe(!before);
    expect(await api.allowUserToManageAccessKeys(before)).toBe(before);
  });

  it('reports RAM errors with their code, message, status and RequestId', async () => {
    const error = await ramError(api.getUser('ghost'));
    expect(error).toMatchObject({ code: 'EntityNotExist.User', status: 404 });
    expect(error.message).toBe('The user does not exist.');
    expect(error.requestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('is refused with SignatureDoesNotMatch for a wrong secret or a Host other than the one sent', async () => {
    const { host, origin } = new URL(server.url);
    const wrongSecret = new ConsoleApi({ origin, host }, { ...server.root, accessKeySecret: 'wrong' });
    expect((await ramError(wrongSecret.listUsers(undefined, 1))).code).toBe('SignatureDoesNotMatch');
    const otherHost = new ConsoleApi({ origin, host: 'proxy.example:443' }, server.root);
    expect((await ramError(otherHost.listUsers(undefined, 1))).code).toBe('SignatureDoesNotMatch');
  });
});
