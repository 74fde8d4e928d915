/**
 * Acceptance 3: the two-keys-per-owner limit holds under a burst of concurrent CreateAccessKey calls,
 * sent through the unmodified official client with both of its signature algorithms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStatuses, type RamApi, sdkErrorOf } from '../support/acceptance-helpers.js';
import { type AkmProcess, startAkmServe, stopAkm } from '../support/akm-cli-process.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { Ram, ramClient } from '../support/ram-clients.js';

const BURST = 20;
const LIMIT = 2;

interface BurstResult {
  readonly created: string[];
  readonly failures: Array<{ code: string; statusCode: number }>;
}

/** Fires `BURST` CreateAccessKey calls at once and sorts the settled results. */
async function createBurst(client: RamApi, userName?: string): Promise<BurstResult> {
  const request = () => new Ram.CreateAccessKeyRequest(userName === undefined ? {} : { userName });
  const settled = await Promise.allSettled(
    Array.from({ length: BURST }, () => client.createAccessKey(request())),
  );
  const created: string[] = [];
  const failures: BurstResult['failures'] = [];
  for (const result of settled) {
    if (result.status === 'fulfilled') created.push(result.value.body?.accessKey?.accessKeyId ?? '');
    else failures.push(sdkErrorOf(result.reason));
  }
  return { created, failures };
}

const LIMIT_EXCEEDED = { code: 'LimitExceeded.User.AccessKey', statusCode: 409 };

describe('AccessKey limit under concurrency (issue 2, acceptance 3)', () => {
  let server: TestServer;
  let root: RamApi;
  let second: AkmProcess | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    root = ramClient(server.endpoint, server.root);
  });

  afterAll(async () => {
    if (second) await stopAkm(second);
    await server.destroy();
  });

  for (const signature of ['v3', 'v2'] as const) {
    it(`a user gets exactly ${LIMIT} of ${BURST} concurrent creates (${signature} signature)`, async () => {
      const userName = `burst-${signature}`;
      await root.createUser(new Ram.CreateUserRequest({ userName }));
      const client = ramClient(server.endpoint, server.root, { signature });

      const { created, failures } = await createBurst(client, userName);

      expect(created).toHaveLength(LIMIT);
      expect(created.every((id) => /^LTAI[A-Za-z0-9]{20}$/.test(id))).toBe(true);
      expect(failures).toEqual(Array.from({ length: BURST - LIMIT }, () => LIMIT_EXCEEDED));
      expect(Object.keys(await keyStatuses(root, userName)).sort()).toEqual([...created].sort());
    });
  }

  it(`the root's own keys never exceed ${LIMIT} under ${BURST} concurrent creates`, async () => {
    // The root already holds the key it signs with, so exactly one more fits.
    const { created, failures } = await createBurst(root);

    expect(created).toHaveLength(LIMIT - 1);
    expect(failures).toEqual(Array.from({ length: BURST - LIMIT + 1 }, () => LIMIT_EXCEEDED));
    expect(Object.keys(await keyStatuses(root)).sort()).toEqual([server.root.accessKeyId, ...created].sort());
  });

  it('a user whose keys were deleted gets exactly the freed slots back under a burst', async () => {
    const userName = 'refill';
    await root.createUser(new Ram.CreateUserRequest({ userName }));
    const first = await createBurst(root, userName);
    for (const accessKeyId of first.created) {
      await root.deleteAccessKey(new Ram.DeleteAccessKeyRequest({ userName, userAccessKeyId: accessKeyId }));
    }

    const second = await createBurst(root, userName);

    expect(second.created).toHaveLength(LIMIT);
    expect(second.failures).toHaveLength(BURST - LIMIT);
    expect(Object.keys(await keyStatuses(root, userName))).toHaveLength(LIMIT);
  });

  it('the limit also holds when two akm processes serve the same data dir', async () => {
    const userName = 'two-processes';
    await root.createUser(new Ram.CreateUserRequest({ userName }));
    const started = await startAkmServe(['--data-dir', server.dataDir, '--port', '0']);
    second = started;
    const other = ramClient(started.url.replace(/^http:\/\//, ''), server.root);

    const halves = await Promise.all([createBurst(root, userName), createBurst(other, userName)]);

    const created = halves.flatMap((h) => h.created);
    expect(created).toHaveLength(LIMIT);
    expect(halves.flatMap((h) => h.failures)).toEqual(
      Array.from({ length: 2 * BURST - LIMIT }, () => LIMIT_EXCEEDED),
    );
    expect(Object.keys(await keyStatuses(root, userName)).sort()).toEqual([...created].sort());
  });
});
