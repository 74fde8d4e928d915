// callRam with a recording fetch: what is sent, and how each kind of answer is read.

import { describe, expect, it } from 'vitest';
import { callRam, RamApiError, type RamEndpoint } from './ram-call.js';

interface Sent {
  readonly url: string;
  readonly init: RequestInit | undefined;
}

function endpointAnswering(answer: () => Response, sent: Sent[] = []): RamEndpoint {
  return {
    origin: 'http://127.0.0.1:8080',
    host: '127.0.0.1:8080',
    now: () => new Date(Date.UTC(2026, 0, 1)),
    fetch: async (url, init) => {
      sent.push({ url: String(url), init });
      return answer();
    },
  };
}

const CREDENTIALS = { accessKeyId: 'LTAI5tEXAMPLEEXAMPLE0000', accessKeySecret: 'secret' };
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function failure(endpoint: RamEndpoint): Promise<RamApiError> {
  const error = await callRam(endpoint, CREDENTIALS, 'GetUser', { UserName: 'x' }).catch((e: unknown) => e);
  if (!(error instanceof RamApiError)) throw new Error(`expected a RamApiError, got ${String(error)}`);
  return error;
}

describe('callRam', () => {
  it('POSTs the canonical query with an empty body and the signed headers, never the secret', async () => {
    const sent: Sent[] = [];
    const body = await callRam(
      endpointAnswering(() => json(200, { RequestId: 'R', User: { UserName: 'a b' } }), sent),
      CREDENTIALS,
      'GetUser',
      { UserName: 'a b', Marker: undefined, MaxItems: 5 },
    );
    expect(body).toEqual({ RequestId: 'R', User: { UserName: 'a b' } });
    const [request] = sent;
    expect(request?.url).toBe('http://127.0.0.1:8080/?MaxItems=5&UserName=a%20b');
    expect(request?.init?.method).toBe('POST');
    expect(request?.init?.body).toBeUndefined();
    const headers = (request?.init?.headers ?? {}) as Record<string, string>;
    expect(Object.keys(headers).sort()).toEqual([
      'accept',
      'authorization',
      'x-acs-action',
      'x-acs-content-sha256',
      'x-acs-credentials-provider',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-version',
    ]);
    expect(headers['x-acs-date']).toBe('2026-01-01T00:00:00Z');
    expect(JSON.stringify(request)).not.toContain(CREDENTIALS.accessKeySecret);
  });

  it('sends to / without a query when there are no parameters', async () => {
    const sent: Sent[] = [];
    await callRam(
      endpointAnswering(() => json(200, { RequestId: 'R' }), sent),
      CREDENTIALS,
      'GetSecurityPreference',
    );
    expect(sent[0]?.url).toBe('http://127.0.0.1:8080/');
  });

  it('turns a RAM error body into RamApiError with its code, message, status and RequestId', async () => {
    const error = await failure(
      endpointAnswering(() =>
        json(404, { RequestId: 'R1', Code: 'EntityNotExist.User', Message: 'The user does not exist.' }),
      ),
    );
    expect(error).toMatchObject({
      code: 'EntityNotExist.User',
      message: 'The user does not exist.',
      status: 404,
      requestId: 'R1',
    });
  });

  it('reads lower-case error keys too', async () => {
    const error = await failure(
      endpointAnswering(() => json(400, { code: 'Throttling.User', message: 'slow down' })),
    );
    expect(error).toMatchObject({ code: 'Throttling.User', message: 'slow down', requestId: undefined });
  });

  it('reports a non-JSON answer as InvalidResponse', async () => {
    const error = await failure(
      endpointAnswering(() => new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    expect(error).toMatchObject({ code: 'InvalidResponse', status: 502 });
    expect(error.message).toContain('HTTP 502');
  });

  it('reports a failed fetch as NetworkError', async () => {
    const endpoint: RamEndpoint = {
      origin: 'http://127.0.0.1:1',
      host: '127.0.0.1:1',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    };
    expect(await failure(endpoint)).toMatchObject({
      code: 'NetworkError',
      message: 'Failed to fetch',
      status: 0,
    });
  });
});
