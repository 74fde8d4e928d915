// Issue 2, acceptance 2: every request captured from the official clients authenticates against a real akm
// whose clock is pinned to the capture time, and fails when one parameter, one signed header or the secret changes.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '../../src/logging/json-logger.js';
import { openRuntime } from '../../src/main.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { codeOf, type RawRequest, sendRaw } from '../support/e2e-raw-ram.js';

interface Capture {
  readonly label: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly receivedAt: string;
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/ram-wire-captures.json', import.meta.url), 'utf8'),
) as { accessKeyId: string; accessKeySecret: string; requests: Capture[] };

/** Codes that mean authentication failed; any other outcome (success or a business error) means it passed. */
const AUTH_FAILURES =
  /^(InvalidAccessKeyId\.|SignatureDoesNotMatch|IncompleteSignature|InvalidTimeStamp\.|SignatureNonceUsed|Missing|InvalidSignatureMethod|InvalidVersion|InvalidAction)/;

/** V1 common parameters: changing AccessKeyId, Action or Timestamp fails for other reasons first. */
const COMMON = new Set([
  'AccessKeyId',
  'Action',
  'Version',
  'Format',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureVersion',
  'Timestamp',
  'Signature',
]);

/** The capture as it went on the wire; `host` and the lengths are the client's own. */
function asSent(capture: Capture): RawRequest {
  const headers = { ...capture.headers };
  delete headers['content-length'];
  delete headers.connection;
  return { method: capture.method, path: capture.url, headers, body: capture.body };
}

/** Changes one business (or, for V1, common) parameter's value in the query or the form body. */
function tamperParameter(capture: Capture): RawRequest {
  const sent = asSent(capture);
  const [path, query = ''] = sent.path.split('?', 2) as [string, string?];
  const target = capture.body ? 'body' : 'query';
  const raw = target === 'body' ? capture.body : query;
  const pairs = raw.split('&').filter(Boolean);
  // A business parameter when there is one, else Format (changing it keeps the request routable).
  const name = (pair: string) => pair.split('=', 1)[0] ?? '';
  const business = pairs.findIndex((p) => !COMMON.has(name(p)));
  const index = business >= 0 ? business : pairs.findIndex((p) => name(p) === 'Format');
  const changed = index >= 0 ? pairs.map((p, i) => (i === index ? `${p}x` : p)) : [...pairs, 'Injected=1'];
  return target === 'body'
    ? { ...sent, body: changed.join('&') }
    : { ...sent, path: `${path}?${changed.join('&')}` };
}

/** Changes a signed header other than host (x-acs-signature-nonce always is one). */
function tamperSignedHeader(capture: Capture): RawRequest {
  const sent = asSent(capture);
  return {
    ...sent,
    headers: { ...sent.headers, 'x-acs-signature-nonce': `${capture.headers['x-acs-signature-nonce']}0` },
  };
}

/** Starts a server pinned to the capture time whose store holds the capture key with `secret`. */
async function serverWithCaptureKey(secret: string): Promise<TestServer> {
  const at = new Date(fixture.requests[0]?.receivedAt ?? 0);
  const server = await startTestServer({ clock: { now: () => at } });
  const runtime = await openRuntime(server.config, SILENT_LOGGER);
  try {
    const { deps } = runtime;
    await deps.store.createAccessKey(
      {
        accessKeyId: fixture.accessKeyId,
        accountId: server.root.accountId,
        userId: null,
        status: 'Active',
        createDate: at,
        encryptedSecret: deps.secretBox.seal(secret, fixture.accessKeyId),
        lastUsedDate: null,
      },
      2,
    );
  } finally {
    await runtime.close();
  }
  return server;
}

describe('captured official-client requests against a real server (clock pinned)', () => {
  let server: TestServer;
  let wrongSecret: TestServer;

  beforeAll(async () => {
    server = await serverWithCaptureKey(fixture.accessKeySecret);
    wrongSecret = await serverWithCaptureKey(`${fixture.accessKeySecret.slice(0, -1)}X`);
  });

  afterAll(async () => {
    await server.destroy();
    await wrongSecret.destroy();
  });

  it('has every capture', () => {
    expect(fixture.requests).toHaveLength(42);
    // One pinned clock serves them all: they were captured within seconds of each other.
    const times = fixture.requests.map((r) => Date.parse(r.receivedAt));
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(60_000);
  });

  // Tampered copies go first: a request refused for its signature never consumes its nonce.
  it.each(fixture.requests.map((c) => [c.label, c]))(
    '%s: a changed parameter is refused',
    async (_, capture) => {
      const res = await sendRaw(server, tamperParameter(capture));
      expect(codeOf(res)).toBe('SignatureDoesNotMatch');
    },
  );

  it.each(fixture.requests.filter((c) => c.scheme.startsWith('V3')).map((c) => [c.label, c]))(
    '%s: a changed signed header is refused',
    async (_, capture) => {
      const res = await sendRaw(server, tamperSignedHeader(capture));
      expect(codeOf(res)).toBe('SignatureDoesNotMatch');
    },
  );

  it.each(fixture.requests.map((c) => [c.label, c]))(
    '%s: a different secret is refused',
    async (_, capture) => {
      const res = await sendRaw(wrongSecret, asSent(capture));
      expect(codeOf(res)).toBe('SignatureDoesNotMatch');
    },
  );

  it.each(fixture.requests.map((c) => [c.label, c]))('%s: authenticates as captured', async (_, capture) => {
    const res = await sendRaw(server, asSent(capture));
    const code = codeOf(res);
    expect(res.status === 200 || !AUTH_FAILURES.test(String(code)), `${res.status} ${res.text}`).toBe(true);
  });
});
