// Races whose outcome is fixed whatever the timing: limits, uniqueness and nonces hold under parallel requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { makeCaller, prop, type RamCaller } from '../support/e2e-ram-callers.js';
import { codeOf, newNonce, SCHEMES, sendRaw } from '../support/e2e-raw-ram.js';

const PARALLEL = 8;

let server: TestServer;
let root: RamCaller;
beforeAll(async () => {
  server = await startTestServer();
  root = makeCaller('ram20150501 V3', server, server.root);
});
afterAll(async () => {
  await server.destroy();
});

/** `'ok'` for each fulfilled call, the error code for each rejected one, sorted. */
async function outcomes(calls: ReadonlyArray<Promise<unknown>>): Promise<unknown[]> {
  const settled = await Promise.allSettled(calls);
  return settled.map((s) => (s.status === 'fulfilled' ? 'ok' : prop(s.reason, 'code'))).sort();
}

describe('parallel requests', () => {
  it('create at most two AccessKeys for one user', async () => {
    await root.call('CreateUser', { UserName: 'race-keys' });
    const calls = Array.from({ length: PARALLEL }, () =>
      root.call('CreateAccessKey', { UserName: 'race-keys' }),
    );
    expect(await outcomes(calls)).toEqual([
      ...Array<string>(PARALLEL - 2).fill('LimitExceeded.User.AccessKey'),
      'ok',
      'ok',
    ]);
    const keys = prop(
      prop(await root.call('ListAccessKeys', { UserName: 'race-keys' }), 'AccessKeys'),
      'AccessKey',
    );
    expect(keys).toHaveLength(2);
  });

  it('create one user for names that differ only by case', async () => {
    const calls = Array.from({ length: PARALLEL }, (_, i) =>
      root.call('CreateUser', { UserName: i % 2 === 0 ? 'race-user' : 'RACE-USER' }),
    );
    expect(await outcomes(calls)).toEqual([
      ...Array<string>(PARALLEL - 1).fill('EntityAlreadyExists.User'),
      'ok',
    ]);
  });

  it.each(SCHEMES)('accept a $name nonce once when the same request is sent in parallel', async (scheme) => {
    const req = scheme.build(server, { action: 'ListUsers', credentials: server.root, nonce: newNonce() });
    const responses = await Promise.all(Array.from({ length: PARALLEL }, () => sendRaw(server, req)));
    const results = responses
      .map((r) => (r.status === 200 ? 'ok' : `${r.status} ${String(codeOf(r))}`))
      .sort();
    expect(results).toEqual(['ok', ...Array<string>(PARALLEL - 1).fill('400 SignatureNonceUsed')].sort());
  });
});
